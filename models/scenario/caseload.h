#pragma once

// How an officer's caseload slows each of their cases.
//
// An officer carrying n live cases shares their time between them, and loses
// a share of it to switching: re-reading a file, chasing what changed since
// last time. With a switching overhead o per extra case, the productive share
// of their time is
//
//   productive(n) = 1 / (1 + o (n - 1))
//
// and each case gets productive(n) / n of an officer. Stage durations in a
// scenario are what a case takes at the reference caseload r (the caseload at
// which they were measured). Above r a case's work progresses at
//
//   rate(n) = [productive(n) / n] / [productive(r) / r]
//           = r (1 + o (r - 1)) / (n (1 + o (n - 1)))
//
// days of stage work per day, below 1; at or below r it goes at the
// scenario's pace (rate 1), because a stage's duration is mostly waiting on
// others (forensic results, phone downloads, the CPS) that more of an
// officer's time does not shorten. So the duration multiplier is
//
//   m(n) = max(1, n (1 + o (n - 1)) / (r (1 + o (r - 1)))).
//
// Above r an officer's throughput, n x rate(n), falls as n rises whenever
// o > 0, so a higher cap with the same staff takes more cases on at once and
// finishes each of them later. With o = 0 it is pure time sharing: the
// throughput stays r / duration, and a higher cap only trades waiting for
// allocation against slower work.

namespace models {

struct Caseload {
  int cap = 1;                    // K: live cases one officer carries at most; >= 1
  double switching_overhead = 0;  // o: share of time lost per extra live case; in [0, 1)
  double reference = 1;           // r: caseload at which stage durations were measured; >= 1
};

// The share of an officer's time that is productive at caseload n.
// REQUIRES: n >= 1 (an idle officer has no overhead, and is not asked)
double productive_share(double n, double switching_overhead);

// Days of stage work a case gets done per day when its officer carries n live
// cases: rate(n) above, at most 1.
double progress_rate(double n, const Caseload& caseload);

// 1 / progress_rate(n): how much longer a stage takes at caseload n than at
// the reference caseload.
double duration_multiplier(double n, const Caseload& caseload);

// Cases a team of `officers` can carry at once: officers x cap.
long long case_slots(int officers, const Caseload& caseload);

// The mean caseload of a team of `officers` carrying `live` cases; with no
// officers, the cap (the remaining work is done by nobody faster than that).
double mean_caseload(long long live, int officers, const Caseload& caseload);

}  // namespace models
