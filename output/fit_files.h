#pragma once

// The files `casesim fit` writes (see README "casesim fit"):
//  fit.json          every estimate with its 95% interval, AIC and counts
//  fit.csv           the same, a row per estimate, for a spreadsheet
//  fragment.json     a scenario patch: the fitted durations and branch
//                    probabilities that map onto one stage, with "extends"
//                    naming the scenario they were mapped onto
//  fit-report.html   the estimates as tables, and each interval's
//                    Kaplan-Meier curve against the fitted survival curves

#include <string>

#include "models/fit/case_extract.h"
#include "models/fit/extract_fit.h"
#include "models/scenario/scenario.h"

namespace output {

struct FitFiles {
  const models::CaseExtract* extract = nullptr;
  const models::ExtractFit* fit = nullptr;
  const models::Scenario* scenario = nullptr;
  // The scenario file as fragment.json's "extends" names it: relative to the
  // folder fragment.json is written to. Empty: the fragment has no "extends".
  std::string extends;
};

std::string fit_json(const FitFiles& in);
std::string fit_csv(const FitFiles& in);
std::string fit_fragment_json(const FitFiles& in);
std::string fit_report_html(const FitFiles& in);

}  // namespace output
