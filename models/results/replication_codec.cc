#include "models/results/replication_codec.h"

#include <concepts>
#include <stdexcept>
#include <type_traits>

#include "sim/byte_codec.h"

namespace models {

namespace {

// A field added to one of these structs must be added below too, or it
// arrives empty from other processes: the sizes stop the build until it is
// (the MPI test also compares a job's files with a single process's).
static_assert(sizeof(AgencyWeek) == 56, "replication_codec.cc: AgencyWeek changed");
static_assert(sizeof(Opportunities) == 16, "replication_codec.cc: Opportunities changed");
static_assert(sizeof(RoomGroupTally) == 48, "replication_codec.cc: RoomGroupTally changed");
static_assert(sizeof(CaseCourtTally) == 56, "replication_codec.cc: CaseCourtTally changed");
static_assert(sizeof(WeekRow) == 112, "replication_codec.cc: WeekRow changed");
static_assert(sizeof(DeadlineTally) == 136, "replication_codec.cc: DeadlineTally changed");
static_assert(sizeof(CourtTally) == 504, "replication_codec.cc: CourtTally changed");
static_assert(sizeof(CommunicationTally) == 368, "replication_codec.cc: CommunicationTally changed");
static_assert(sizeof(CohortTally) == 1488, "replication_codec.cc: CohortTally changed");
static_assert(sizeof(YearTally) == 1584, "replication_codec.cc: YearTally changed");
static_assert(sizeof(PeriodTally) == 24, "replication_codec.cc: PeriodTally changed");
static_assert(sizeof(ReplicationResult) == 3440, "replication_codec.cc: ReplicationResult changed");

template <class T, class U>
concept Same = std::same_as<std::remove_const_t<T>, U>;

template <class Io, Same<AgencyWeek> T>
void describe(Io& io, T& w) {
  io(w.required), io(w.made), io(w.late), io(w.missed), io(w.hours), io(w.capacity);
  io(w.staff_hours);
}
template <class Io, Same<Opportunities> T>
void describe(Io& io, T& o) {
  io(o.offered), io(o.taken);
}
template <class Io, Same<RoomGroupTally> T>
void describe(Io& io, T& g) {
  io(g.listings), io(g.sitting_days_used), io(g.sitting_days_available);
  io(g.room_days_available), io(g.judge_days_available), io(g.sittings_lent);
}
template <class Io, Same<CaseCourtTally> T>
void describe(Io& io, T& c) {
  io(c.listed_cases), io(c.hearing_days), io(c.early_adjournments), io(c.late_adjournments);
  io(c.first_listing_failed), io(c.recorded), io(c.withdrew_after_recording);
}
template <class Io, Same<WeekRow> T>
void describe(Io& io, T& w) {
  io(w.day), io(w.open_by_stage), io(w.initial_open), io(w.new_open), io(w.trials_by_age);
  io(w.queue_by_pool), io(w.utilisation_by_pool);
}
template <class Io, Same<DeadlineTally> T>
void describe(Io& io, T& d) {
  io(d.met), io(d.missed), io(d.lateness);
}
template <class Io, Same<CourtTally> T>
void describe(Io& io, T& c) {
  io(c.listings), io(c.hearing_days), io(c.effective), io(c.cracked), io(c.ineffective);
  io(c.vacated), io(c.late_by_cause), io(c.early_by_cause), io(c.lead_time);
  io(c.sitting_days_used), io(c.sitting_days_available), io(c.room_days_available);
  io(c.judge_days_available), io(c.overruns), io(c.recordings), io(c.recordings_moved);
  io(c.undatable);
  io(c.group);
}
template <class Io, Same<CohortTally> T>
void describe(Io& io, T& c) {
  io(c.censored), io(c.funnel), io(c.withdrew_before_charge);
  io(c.withdrew_after_charge), io(c.date_changes), io(c.trial_wait), io(c.after_recording),
      io(c.recorded_before_trial), io(c.median), io(c.p90);
  io(c.offence_to_report), io(c.offence_to_completion), io(c.offence_censored);
  io(c.offence_to_report_median), io(c.offence_to_report_p90), io(c.offence_median),
      io(c.offence_p90);
}
template <class Io, Same<YearTally> T>
void describe(Io& io, T& y) {
  io(y.delays), io(y.open), io(y.censored), io(y.median), io(y.p90);
}
template <class Io, Same<PeriodTally> T>
void describe(Io& io, T& p) {
  io(p.charges), io(p.closed_before_charge), io(p.convictions);
}
template <class Io, Same<CommunicationTally> T>
void describe(Io& io, T& c) {
  io(c.weeks), io(c.required), io(c.on_time), io(c.late), io(c.unmade);
  io(c.longest_silence_days), io(c.agencies_per_event), io(c.fragmented_events);
  io(c.isva_caseload), io(c.vps_offered), io(c.vps_updated), io(c.bad_character);
  io(c.protective_orders), io(c.missed), io(c.isva_wanted), io(c.isva_supported);
  io(c.date_changes), io(c.unexplained_date_changes), io(c.victims_with_date_change);
  io(c.victims_with_unexplained_change);
}
// Everything but `cases`.
template <class Io, Same<ReplicationResult> T>
void describe(Io& io, T& r) {
  io(r.delays), io(r.cohort), io(r.years), io(r.period), io(r.outcome_count), io(r.withdrawal_stage), io(r.new_cases), io(r.closed);
  io(r.open_at_end), io(r.initial_cases), io(r.initial_open_at_end), io(r.initial_cleared_day);
  io(r.deadlines), io(r.courts), io(r.case_courts), io(r.pool_utilisation);
  io(r.pool_mean_queue), io(r.weeks), io(r.communication), io(r.work_days), io(r.events);
  io(r.stopped_cases);
}

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};
template <class T>
struct IsArray : std::false_type {};
template <class T, std::size_t N>
struct IsArray<std::array<T, N>> : std::true_type {};

struct Writer {
  sim::ByteWriter out;
  template <class T>
  void operator()(const T& x) {
    if constexpr (IsVector<T>::value) {
      out(static_cast<std::uint64_t>(x.size()));
      for (const auto& e : x) (*this)(e);
    } else if constexpr (IsArray<T>::value) {
      for (const auto& e : x) (*this)(e);
    } else if constexpr (requires(Writer& w) { describe(w, x); }) {
      describe(*this, x);
    } else {
      out(x);
    }
  }
};

struct Reader {
  sim::ByteReader in;
  template <class T>
  void operator()(T& x) {
    if constexpr (IsVector<T>::value) {
      std::uint64_t n = 0;
      in(n);
      if (n > (1u << 30)) throw std::runtime_error("replication bytes hold an impossible count");
      x.resize(static_cast<std::size_t>(n));
      for (auto& e : x) (*this)(e);
    } else if constexpr (IsArray<T>::value) {
      for (auto& e : x) (*this)(e);
    } else if constexpr (requires(Reader& r) { describe(r, x); }) {
      describe(*this, x);
    } else {
      in(x);
    }
  }
};

}  // namespace

std::string encode_replication(const ReplicationResult& r) {
  Writer w;
  w(r);
  return w.out.take();
}

ReplicationResult decode_replication(std::string_view bytes) {
  Reader reader{sim::ByteReader(bytes)};
  ReplicationResult r;
  reader(r);
  if (!reader.in.done()) throw std::runtime_error("replication bytes run past one result");
  return r;
}

}  // namespace models
