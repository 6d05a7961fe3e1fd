#include "models/scenario/scenario_warnings.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>

#include "models/scenario/pointer_token.h"

namespace models::loading {

namespace {

// True if a value at or under `pointer`, or a whole array or object holding
// it, was read.
bool any_read(const std::vector<std::string>& reads, const std::string& pointer) {
  return std::any_of(reads.begin(), reads.end(),
                     [&](const std::string& r) { return pointers_overlap(r, pointer); });
}

// The pools a stage, a group of courtrooms or an agency's contacts use.
std::vector<bool> used_pools(const Scenario& s) {
  std::vector<bool> used(s.pools.size(), false);
  auto use = [&](std::optional<std::size_t> p) {
    if (p && *p < used.size()) used[*p] = true;
  };
  for (const Stage& st : s.stages) use(st.pool);
  if (s.courts) {
    use(s.courts->rooms);
    use(s.courts->judges);
    if (s.courts->specialist) {
      use(s.courts->specialist->rooms);
      use(s.courts->specialist->judges);
    }
  }
  if (s.communication)
    for (const Agency& a : s.communication->agencies) use(a.staff);
  return used;
}

class Warnings {
 public:
  Warnings(const Scenario& s, const Checker& check) : s_(s), check_(check), used_(used_pools(s)) {
    for (std::size_t p = 0; p < s.pools.size(); ++p)
      if (used_[p]) used_names_.push_back(s.pools[p].name);
  }

  void unused_resources() {
    for (std::size_t p = 0; p < s_.pools.size(); ++p)
      if (!used_[p]) add(resource_pointer(p), unused_resource(p));
  }

  // `what` ("this assumption", "--set /a=1") names the mover in the message.
  void moves_nothing(const std::string& where, const std::string& pointer,
                     const std::string& what) {
    const std::string why = nothing_read(pointer);
    if (!why.empty())
      add(where, fmt::format("'{}' reaches {}; {} moves no figure (expected a pointer to a value "
                             "the simulation is built from)",
                             pointer, why, what));
  }

  std::vector<Diagnostic> take() { return std::move(out_); }

 private:
  std::string resource_pointer(std::size_t p) const {
    return "/resources/" + escape_pointer_token(s_.pools[p].name);
  }

  std::string unused_resource(std::size_t p) const {
    return fmt::format(
        "resource '{}' is used by no stage, court or contact rule{}; expected its name as a "
        "stage's \"pool\", the courts' \"rooms\" or \"judges\", or an agency's \"staff\" (or "
        "remove it): as it is, its count moves nothing",
        s_.pools[p].name, suggestion(s_.pools[p].name, used_names_));
  }

  // Why nothing the scenario is built from is at `pointer`, or "" if
  // something is.
  std::string nothing_read(const std::string& pointer) const {
    for (std::size_t p = 0; p < s_.pools.size(); ++p)
      if (!used_[p] && pointer_at_or_under(pointer, resource_pointer(p)))
        return fmt::format("resource '{}', which no stage, court or contact rule uses{}",
                           s_.pools[p].name, suggestion(s_.pools[p].name, used_names_));
    if (any_read(check_.reads(), pointer)) return "";
    if (any_read(check_.text_reads(), pointer))
      return "words for people only (a name, description or note), which no figure depends on";
    return "a value nothing reads";
  }

  void add(const std::string& pointer, std::string message) {
    out_.push_back({check_.file(), pointer, std::move(message)});
  }

  const Scenario& s_;
  const Checker& check_;
  std::vector<bool> used_;
  std::vector<std::string> used_names_;
  std::vector<Diagnostic> out_;
};

}  // namespace

std::vector<Diagnostic> scenario_warnings(const Scenario& s, const Checker& check,
                                          const std::vector<LeverSetting>& settings) {
  Warnings w(s, check);
  w.unused_resources();
  for (std::size_t i = 0; i < s.meta.assumptions.size(); ++i)
    w.moves_nothing(fmt::format("/meta/assumptions/{}/parameter", i),
                    s.meta.assumptions[i].parameter, "this assumption");
  // A lever "with" a patch may point into what the patch adds, which the
  // scenario as written does not read: those are not judged here.
  for (std::size_t i = 0; i < s.meta.levers.size(); ++i) {
    const Lever& l = s.meta.levers[i];
    if (!l.with.empty()) continue;
    const char* key = l.kind == Lever::Kind::kSet ? "set" : "scale";
    w.moves_nothing(fmt::format("/meta/levers/{}/{}", i, key), l.pointer,
                    fmt::format("the lever \"{}\"", l.label));
  }
  for (const LeverSetting& setting : settings)
    w.moves_nothing(setting.pointer, setting.pointer, setting.to_string());
  return w.take();
}

}  // namespace models::loading
