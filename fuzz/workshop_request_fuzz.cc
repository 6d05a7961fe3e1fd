// The workshop server's request handling (`casesim serve`) on any bytes,
// without the HTTP server or its worker thread: the first line is the id of a
// path such as /api/what-if/ID, the rest the body of POST /api/what-if. The
// body is read against the levers of each shipped scenario that offers some
// and, when it reads, loaded as WorkshopSession::submit loads it. Any outcome
// but moves, a RequestProblem (400 or 413, with a message) or a ScenarioError
// (the 422 reply) is a bug; so is a move naming a lever that is not offered.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>
#include <vector>

#include "app/workshop_request.h"
#include "models/scenario/lever.h"
#include "models/scenario/scenario_loader.h"
#include "models/scenario/what_if.h"

namespace {

struct Offer {
  models::ScenarioSource source;
  std::vector<models::Lever> levers;
};

const std::vector<Offer>& offers() {
  static const std::vector<Offer> all = [] {
    std::vector<Offer> out;
    for (const char* name : {"baseline.json", "force-example.json"}) {
      auto source = models::ScenarioSource::read(std::string(CASESIM_SOURCE_DIR) + "/scenarios/" + name);
      auto levers = models::offered_levers(source.load());
      out.push_back({std::move(source), std::move(levers)});
    }
    return out;
  }();
  return all;
}

void require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view id = input.substr(0, newline);
  const std::string_view body =
      newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
  if (const auto n = app::parse_id(id)) require(*n >= 1 && *n <= 999'999);
  for (const Offer& offer : offers()) {
    auto parsed = app::parse_what_if(body, offer.levers);
    if (const auto* problem = std::get_if<app::RequestProblem>(&parsed)) {
      require((problem->status == 400 || problem->status == 413) && !problem->message.empty());
      continue;
    }
    const auto& moves = std::get<std::vector<models::LeverPosition>>(parsed);
    for (const auto& m : moves) require(m.lever < offer.levers.size());
    try {
      offer.source.load(models::what_if_settings(offer.source, offer.levers, moves));
    } catch (const models::ScenarioError&) {
    }
  }
  return 0;
}
