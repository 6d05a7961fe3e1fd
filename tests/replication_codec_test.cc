// Replication results as bytes (how an MPI job's ranks send them to each
// other) and condensed samples (how a run keeps memory to what the summary
// reads): both leave the summary the same to the byte.

#include "models/results/replication_codec.h"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "models/engine/case_flow_model.h"
#include "models/results/run_summary.h"
#include "models/scenario/scenario_loader.h"
#include "output/summary_json.h"
#include "output/csv_tables.h"
#include "sim/byte_codec.h"
#include "sim/sample.h"

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST_CASE("a condensed sample keeps its count, mean and kept quantiles to the bit", "[kernel][sample]") {
  sim::Sample full, condensed;
  for (int i = 0; i < 1001; ++i) {
    const double x = std::fmod(i * 7.31, 97.3) + 1e-3 * i;  // unsorted, uneven
    full.add(x);
    condensed.add(x);
  }
  condensed.condense({0.5, 0.9});
  CHECK(condensed.condensed());
  CHECK(condensed.values().empty());
  CHECK(condensed.size() == 1001);
  CHECK(same_bits(condensed.median(), full.median()));
  CHECK(same_bits(condensed.quantile(0.9), full.quantile(0.9)));
  CHECK(same_bits(condensed.mean(), full.mean()));  // full is sorted by now, as the summary sees it

  sim::Sample none;
  none.condense({0.5, 0.9});
  CHECK(none.empty());
  CHECK(std::isnan(none.mean()));
  CHECK(std::isnan(none.median()));
}

TEST_CASE("samples and running statistics come back from bytes unchanged", "[kernel][sample]") {
  sim::Sample raw, condensed, large;
  sim::RunningStats stats;
  for (double x : {3.0, 1.0, 2.5, 8.0}) raw.add(x), condensed.add(x), stats.add(x);
  condensed.condense({0.5});
  // Condensed from more values than its bytes hold (a national sample).
  for (int i = 0; i < 100000; ++i) large.add(i % 977);
  large.condense({0.5, 0.9});
  sim::ByteWriter w;
  w(raw), w(condensed), w(stats), w(large);
  const std::string bytes = w.take();
  sim::Sample raw2, condensed2, large2;
  sim::RunningStats stats2;
  sim::ByteReader in(bytes);
  in(raw2), in(condensed2), in(stats2), in(large2);
  CHECK(in.done());
  CHECK(large2.size() == 100000);
  CHECK(same_bits(large2.quantile(0.9), large.quantile(0.9)));
  CHECK(raw2.values() == std::vector<double>{3.0, 1.0, 2.5, 8.0});
  CHECK(same_bits(raw2.median(), raw.median()));
  CHECK(condensed2.size() == 4);
  CHECK(same_bits(condensed2.median(), condensed.median()));
  CHECK(same_bits(condensed2.mean(), condensed.mean()));
  CHECK(stats2.count() == 4);
  CHECK(same_bits(stats2.mean(), stats.mean()));
  CHECK(same_bits(stats2.variance(), stats.variance()));
  CHECK(stats2.max() == 8.0);

  sim::ByteReader short_read(std::string_view(bytes).substr(0, bytes.size() - 3));
  CHECK_THROWS([&] {
    short_read(raw2);
    short_read(condensed2);
    short_read(stats2);
    short_read(large2);
  }());
}

// Every field summarise() reads must survive the bytes: a field added to
// the results and left out of the codec changes these summaries.
TEST_CASE("replications decoded from bytes summarise to the same bytes as the originals",
          "[results][codec]") {
  const std::string file = GENERATE(std::string("scenarios/force-example.json"),
                                    std::string("scenarios/examples/initial-caseload.json"),
                                    std::string("scenarios/examples/specialist-courts.json"),
                                    std::string("scenarios/examples/deadlines.json"));
  INFO(file);
  models::Scenario s = models::load_scenario(std::string(CASESIM_SOURCE_DIR) + "/" + file);
  s.meta.replications = 3;
  s.meta.horizon_days = std::min(s.meta.horizon_days, 3.0 * 365);
  const models::CaseFlowModel model(s);
  std::vector<models::ReplicationResult> originals, decoded;
  for (std::uint64_t r = 0; r < 3; ++r) {
    models::RunOptions o;
    o.keep_cases = r == 0;
    originals.push_back(model.run(r, o));
    models::condense(originals.back());
    const std::string bytes = models::encode_replication(originals.back());
    decoded.push_back(models::decode_replication(bytes));
    CHECK(models::encode_replication(decoded.back()) == bytes);
    CHECK_THROWS(models::decode_replication(std::string_view(bytes).substr(0, bytes.size() - 1)));
  }
  CHECK(decoded.front().cases.empty());  // per-case records stay where they ran
  const auto a = models::summarise(model, originals);
  const auto b = models::summarise(model, decoded);
  CHECK(output::summary_json(s, a) == output::summary_json(s, b));
  CHECK(output::timeseries_csv(model, a.weeks) == output::timeseries_csv(model, b.weeks));
  REQUIRE(a.communication_weeks.size() == b.communication_weeks.size());
  for (std::size_t k = 0; k < a.communication_weeks.size(); ++k)
    for (std::size_t w = 0; w < a.communication_weeks[k].size(); ++w)
      CHECK(std::memcmp(&a.communication_weeks[k][w], &b.communication_weeks[k][w],
                        sizeof(models::AgencyWeek)) == 0);
}

TEST_CASE("condensing replications leaves the summary the same to the byte", "[results][codec]") {
  models::Scenario s = models::load_scenario(std::string(CASESIM_SOURCE_DIR) +
                                             "/scenarios/force-example.json");
  s.meta.horizon_days = 2 * 365;
  const models::CaseFlowModel model(s);
  std::vector<models::ReplicationResult> full, condensed;
  for (std::uint64_t r = 0; r < 3; ++r) {
    full.push_back(model.run(r));
    condensed.push_back(model.run(r));
    models::condense(condensed.back());
  }
  CHECK(output::summary_json(s, models::summarise(model, full)) ==
        output::summary_json(s, models::summarise(model, condensed)));
}
