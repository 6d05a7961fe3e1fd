#include "models/scenario/communication_section.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>

#include "models/scenario/number_ranges.h"

namespace models::loading {

namespace {

std::optional<Milestone> read_milestone(const Json& j, const std::string& p, const char* key,
                                        bool required, Checker& check) {
  auto m = check.choice(j, p, key, required, milestone_words());
  return m ? milestone_from_name(*m) : std::nullopt;
}

std::optional<Caseload> read_caseload(const Json& j, const std::string& p, Checker& check) {
  check.allow_keys(j, p, {"cap", "switching_overhead", "reference", "description"});
  Caseload c;
  auto cap = check.integer(j, p, "cap", true, 1, 10000,
                           "the live cases one officer carries at most, a whole number from 1 "
                           "to 10000");
  if (auto v = check.number(j, p, "switching_overhead", false, below_one,
                            "a share of time lost per extra live case, from 0 up to (not "
                            "including) 1"))
    c.switching_overhead = *v;
  auto reference = check.number(j, p, "reference", false, at_least_one,
                                "the caseload at which stage durations were measured, >= 1");
  check.string(j, p, "description", false);
  if (!cap) return std::nullopt;
  c.cap = static_cast<int>(*cap);
  c.reference = reference.value_or(c.cap);
  return c;
}

// `on`: one event name or a non-empty array of them.
std::vector<CaseEvent> read_events(const Json& j, const std::string& p, Checker& check) {
  std::vector<CaseEvent> out;
  const std::vector<std::string> names = case_event_names();
  auto one = [&](const Json& e, const std::string& ep) {
    if (auto i = check.reference(e, ep, names, "case event")) {
      const auto ev = static_cast<CaseEvent>(*i);
      if (std::find(out.begin(), out.end(), ev) == out.end()) out.push_back(ev);
    }
  };
  if (j.is_string()) {
    one(j, p);
  } else if (j.is_array() && !j.empty()) {
    for (std::size_t i = 0; i < j.size(); ++i) one(j[i], p + "/" + std::to_string(i));
  } else {
    check.error(p, fmt::format("expected a case event or a non-empty array of them, got {}",
                               shown_value(j)));
  }
  return out;
}

// The agency, channel, deadline and audience that rules and plans share.
struct Delivery {
  std::optional<std::size_t> agency, channel;
  int working_days = 1;
  Audience audience = Audience::kVictim;
};

Delivery read_delivery(const Json& j, const std::string& p, Checker& check,
                       const std::vector<std::string>& agencies,
                       const std::vector<std::string>& channels, int default_days) {
  Delivery d;
  if (!j.contains("agency"))
    check.error(p + "/agency", "missing; expected the agency that makes the contact");
  else
    d.agency = check.reference(j["agency"], p + "/agency", agencies, "agency");
  if (!j.contains("channel"))
    check.error(p + "/channel", "missing; expected the channel (phone, letter, ...) it uses");
  else
    d.channel = check.reference(j["channel"], p + "/channel", channels, "channel");
  d.working_days = static_cast<int>(
      check
          .integer(j, p, "within_working_days", false, 1, 3650,
                   "a deadline in working days from 1 to 3650 (the Victims' Code gives 1 for a "
                   "charge decision)")
          .value_or(default_days));
  if (auto a = check.choice(j, p, "audience", false, kAudienceWords.words()))
    d.audience = *kAudienceWords.value(*a);
  return d;
}

}  // namespace

Staffing read_staffing(const Json& root, Checker& check, const std::vector<Pool>& pools) {
  Staffing staffing;
  const Json* obj = check.object(root, "", "staffing", false);
  if (!obj) return staffing;
  const std::vector<std::string> pool_names = names_in(pools);
  check.each_named_object(
      *obj, "/staffing", "an object describing the staff of a resource",
      {"hours_per_week", "abstraction", "contact_share", "caseload", "description"},
      [&](const std::string& name, const Json& j, const std::string& p) {
        auto pool = check.reference(Json(name), p, pool_names, "resource");
        StaffPool s;
        if (auto v = check.number(j, p, "hours_per_week", false,
                                  [](double x) { return x > 0 && x <= 168; },
                                  "contracted hours per person a week, > 0 and at most 168"))
          s.hours_per_week = *v;
        if (auto v = check.number(j, p, "abstraction", false, below_one,
                                  "the share of hours lost to other duties, from 0 up to (not "
                                  "including) 1"))
          s.abstraction = *v;
        if (auto v = check.number(j, p, "contact_share", false,
                                  [](double x) { return x > 0 && x <= 1; },
                                  "the share of working hours victim contacts may take, above "
                                  "0 and at most 1"))
          s.contact_share = *v;
        if (const Json* c = check.object(j, p, "caseload", false))
          s.caseload = read_caseload(*c, p + "/caseload", check);
        check.string(j, p, "description", false);
        if (!pool) return;
        s.pool = *pool;
        staffing.pools.push_back(s);
      });
  return staffing;
}

std::optional<Communication> read_communication(const Json& root, Checker& check,
                                                const std::vector<Pool>& pools,
                                                const std::vector<Stage>& stages,
                                                const Staffing& staffing) {
  const Json* obj = check.object(root, "", "communication", false);
  if (!obj) return std::nullopt;
  const std::string p = "/communication";
  check.allow_keys(*obj, p,
                   {"agencies", "channels", "rules", "plans", "responsibility_moves",
                    "single_point_of_contact", "events_at_stages", "compliance",
                    "withdrawal_feedback", "failures", "description"});
  check.string(*obj, p, "description", false);
  Communication comm;
  const std::vector<std::string> pool_names = names_in(pools);

  if (const Json* agencies = check.object(*obj, p, "agencies", true)) {
    if (agencies->empty()) check.error(p + "/agencies", "expected at least one agency");
    check.each_named_object(
        *agencies, p + "/agencies", "an object describing an agency",
        {"role", "staff", "cases_per_person", "description"},
        [&](const std::string& name, const Json& j, const std::string& ap) {
          Agency a;
          a.name = name;
          if (auto r = check.choice(j, ap, "role", false, kAgencyRoleWords.words()))
            a.role = *kAgencyRoleWords.value(*r);
          if (j.contains("staff")) {
            a.staff = check.reference(j["staff"], ap + "/staff", pool_names, "resource");
            if (a.staff && !staffing.of(*a.staff))
              check.error(ap + "/staff",
                          fmt::format("resource '{}' has no \"staffing\" entry; expected a "
                                      "resource listed under \"staffing\", which gives its "
                                      "hours",
                                      pools[*a.staff].name));
          }
          if (auto v = check.number(j, ap, "cases_per_person", false, positive,
                                    "the open cases one ISVA supports at most, > 0")) {
            if (a.role != AgencyRole::kIsva || !j.contains("staff"))
              check.error(ap + "/cases_per_person",
                          "is given for an agency that is not an ISVA service with staff; "
                          "expected it only with \"role\": \"isva\" and \"staff\"");
            a.cases_per_person = *v;
          }
          check.string(j, ap, "description", false);
          comm.agencies.push_back(a);
        });
  }
  const std::vector<std::string> agency_names = names_in(comm.agencies);

  if (const Json* channels = check.object(*obj, p, "channels", true)) {
    if (channels->empty()) check.error(p + "/channels", "expected at least one channel");
    check.each_named_object(
        *channels, p + "/channels", "an object {\"minutes\": number}", {"minutes", "description"},
        [&](const std::string& name, const Json& j, const std::string& cp) {
          Channel c;
          c.name = name;
          if (auto v = check.number(j, cp, "minutes", true, positive,
                                    "the staff time a contact takes, minutes > 0"))
            c.minutes = *v;
          check.string(j, cp, "description", false);
          comm.channels.push_back(c);
        });
  }
  const std::vector<std::string> channel_names = names_in(comm.channels);

  if (const Json* rules = check.object(*obj, p, "rules", false)) {
    check.each_named_object(
        *rules, p + "/rules", "an object describing a contact rule",
        {"on", "agency", "channel", "within_working_days", "audience", "task", "description"},
        [&](const std::string& name, const Json& j, const std::string& rp) {
          ContactRule r;
          r.name = name;
          if (!j.contains("on"))
            check.error(rp + "/on", "missing; expected the case event (or events) that call for "
                                    "the contact");
          else
            r.on = read_events(j["on"], rp + "/on", check);
          const Delivery d = read_delivery(j, rp, check, agency_names, channel_names, 1);
          r.task = check.boolean(j, rp, "task").value_or(false);
          check.string(j, rp, "description", false);
          if (r.on.empty() || !d.agency || !d.channel) return;
          r.agency = *d.agency;
          r.channel = *d.channel;
          r.working_days = d.working_days;
          r.audience = d.audience;
          comm.rules.push_back(r);
        });
  }

  if (const Json* plans = check.object(*obj, p, "plans", false)) {
    check.each_named_object(
        *plans, p + "/plans", "an object describing a contact plan",
        {"every_days", "from", "until", "agency", "channel", "within_working_days", "audience",
         "description"},
        [&](const std::string& name, const Json& j, const std::string& pp) {
          ContactPlan plan;
          plan.name = name;
          auto every = check.number(j, pp, "every_days", true, positive,
                                    "calendar days between updates, > 0");
          auto from = read_milestone(j, pp, "from", true, check);
          auto until = read_milestone(j, pp, "until", false, check);
          const Delivery d = read_delivery(j, pp, check, agency_names, channel_names, 5);
          check.string(j, pp, "description", false);
          if (from && until && *from == *until)
            check.error(pp + "/until", "is the same milestone as \"from\"; expected a later "
                                       "milestone (or none: until the case ends)");
          if (!every || !from || !d.agency || !d.channel) return;
          plan.every_days = *every;
          plan.from = *from;
          plan.until = until.value_or(Milestone::kCompletion);
          plan.agency = *d.agency;
          plan.channel = *d.channel;
          plan.working_days = d.working_days;
          plan.audience = d.audience;
          comm.plans.push_back(plan);
        });
  }

  check.each_object(*obj, p,
                    {.key = "responsibility_moves",
                     .expected = "an array of {\"after\": milestone, \"from\": agency, \"to\": "
                                 "agency}",
                     .expected_element = "an object {\"after\": milestone, \"from\": agency, "
                                         "\"to\": agency}",
                     .keys = {"after", "from", "to", "description"}},
                    [&](const Json& j, const std::string& mp) {
                      auto after = read_milestone(j, mp, "after", true, check);
                      std::optional<std::size_t> from, to;
                      for (const char* key : {"from", "to"}) {
                        auto& slot = std::string_view(key) == "from" ? from : to;
                        if (!j.contains(key))
                          check.error(mp + "/" + key, "missing; expected an agency");
                        else
                          slot = check.reference(j[key], mp + "/" + key, agency_names, "agency");
                      }
                      check.string(j, mp, "description", false);
                      if (after && from && to) comm.moves.push_back({*after, *from, *to});
                    });

  if (const Json* spoc = check.object(*obj, p, "single_point_of_contact", false)) {
    const std::string sp = p + "/single_point_of_contact";
    check.allow_keys(*spoc, sp, {"agency", "from", "isva_supported_only", "description"});
    std::optional<std::size_t> agency;
    if (!spoc->contains("agency"))
      check.error(sp + "/agency", "missing; expected the agency that speaks for all the others");
    else
      agency = check.reference((*spoc)["agency"], sp + "/agency", agency_names, "agency");
    SinglePointOfContact s;
    if (auto m = read_milestone(*spoc, sp, "from", false, check)) s.from = *m;
    s.isva_supported_only = check.boolean(*spoc, sp, "isva_supported_only").value_or(false);
    check.string(*spoc, sp, "description", false);
    if (agency) {
      s.agency = *agency;
      comm.single_point = s;
    }
  }

  comm.events_at_stage.assign(stages.size(), {});
  if (const Json* at = check.object(*obj, p, "events_at_stages", false)) {
    const std::vector<std::string> stage_names = names_in(stages);
    for (const auto& [name, events] : at->items()) {
      const std::string ep = p + "/events_at_stages/" + escape_pointer_token(name);
      auto stage = check.reference(Json(name), ep, stage_names, "stage");
      auto list = read_events(events, ep, check);
      if (stage) comm.events_at_stage[*stage] = list;
    }
  }

  if (const Json* c = check.object(*obj, p, "compliance", false)) {
    const std::string cp = p + "/compliance";
    check.allow_keys(*c, cp,
                     {"vps_offered_at_report", "vps_updated_before_trial",
                      "bad_character_considered", "protective_orders_considered", "description"});
    const char* kShare = "a probability between 0 and 1";
    Compliance& k = comm.compliance;
    if (auto v = check.number(*c, cp, "vps_offered_at_report", false, unit_interval, kShare))
      k.vps_offered_at_report = *v;
    if (auto v = check.number(*c, cp, "vps_updated_before_trial", false, unit_interval, kShare))
      k.vps_updated_before_trial = *v;
    if (auto v = check.number(*c, cp, "bad_character_considered", false, unit_interval, kShare))
      k.bad_character_considered = *v;
    if (auto v =
            check.number(*c, cp, "protective_orders_considered", false, unit_interval, kShare))
      k.protective_orders_considered = *v;
    check.string(*c, cp, "description", false);
  }

  if (const Json* f = check.object(*obj, p, "withdrawal_feedback", false)) {
    const std::string fp = p + "/withdrawal_feedback";
    check.allow_keys(*f, fp,
                     {"per_late_contact", "max_multiplier", "per_late_adjournment",
                      "per_unexplained_date_change", "description"});
    if (auto v = check.number(*f, fp, "per_late_contact", false, at_least_one,
                              "a hazard multiplier >= 1 for each late or missed contact (1 is no "
                              "effect)"))
      comm.feedback.per_late_contact = *v;
    if (auto v = check.number(*f, fp, "max_multiplier", false, at_least_one,
                              "the most the multipliers may add up to, >= 1"))
      comm.feedback.max_multiplier = *v;
    if (auto v = check.number(*f, fp, "per_late_adjournment", false, at_least_one,
                              "a hazard multiplier >= 1 for each trial adjourned on the day (1 "
                              "is no effect)"))
      comm.feedback.per_late_adjournment = *v;
    if (auto v = check.number(*f, fp, "per_unexplained_date_change", false, at_least_one,
                              "a hazard multiplier >= 1 for each date change told without an "
                              "explanation (1 is no effect)"))
      comm.feedback.per_unexplained_date_change = *v;
    check.string(*f, fp, "description", false);
  }

  if (const Json* f = check.object(*obj, p, "failures", false)) {
    const std::string fp = p + "/failures";
    check.allow_keys(*f, fp,
                     {"drop_after_working_days", "max_waiting_per_person", "missed_after_move",
                      "missed_without_single_point", "unexplained_date_change", "description"});
    ContactFailures& k = comm.failures;
    if (auto v = check.integer(*f, fp, "drop_after_working_days", false, 0, 3650,
                               "working days past its deadline after which a waiting contact "
                               "is dropped, a whole number from 0 (never) to 3650"))
      k.drop_after_working_days = static_cast<int>(*v);
    if (auto v = check.number(*f, fp, "max_waiting_per_person", false,
                              [](double x) { return x >= 0; },
                              "contacts waiting per person above which new ones are missed, "
                              ">= 0 (0 is no bound)"))
      k.max_waiting_per_person = *v;
    const char* kShare = "a probability between 0 and 1";
    if (auto v = check.number(*f, fp, "missed_after_move", false, unit_interval, kShare))
      k.missed_after_move = *v;
    if (auto v = check.number(*f, fp, "missed_without_single_point", false, unit_interval, kShare))
      k.missed_without_single_point = *v;
    if (auto v = check.number(*f, fp, "unexplained_date_change", false, unit_interval, kShare))
      k.unexplained_date_change = *v;
    check.string(*f, fp, "description", false);
  }
  return comm;
}

}  // namespace models::loading
