// `casesim serve FILE`: the workshop page and its small HTTP API, on
// cpp-httplib. Thin: each handler reads the request (app/workshop_request.h),
// asks the session (app/workshop_session.h) and writes what output/ makes.
//
// Safe by default: it listens on 127.0.0.1 unless told otherwise; no request
// names a file or a path (what-ifs are lever moves, results are fetched by
// number); bodies are capped; one simulation runs at a time; a malformed
// request gets a 4xx and the server carries on; SIGINT or SIGTERM stop it
// cleanly.

#include <fmt/format.h>
#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <iostream>
#include <thread>

#include "app/commands.h"
#include "app/workshop_request.h"
#include "app/workshop_session.h"
#include "models/scenario/scenario_error.h"
#include "output/output_set.h"
#include "output/workshop_json.h"
#include "output/workshop_page.h"

extern char** environ;

namespace app {

namespace {

constexpr const char* kJson = "application/json";

void reply(httplib::Response& res, int status, const std::string& body,
           const char* type = kJson) {
  res.status = status;
  res.set_content(body, type);
  // The page and its answers are not for other sites to frame or cache.
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
}

bool loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

// Opens the page in the desktop's browser, if there is one; never fatal.
void open_browser(const std::string& url) {
  pid_t pid = 0;
  const char* argv[] = {"xdg-open", url.c_str(), nullptr};
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, const_cast<char* const*>(argv), environ) != 0)
    std::cerr << "casesim: could not start xdg-open; open " << url << " yourself\n";
}

// Every what-if's status; the views hold the results the statuses point to.
std::pair<std::vector<WorkshopSession::View>, std::vector<output::WhatIfStatus>> statuses(
    const WorkshopSession& session) {
  std::vector<WorkshopSession::View> views = session.record();
  std::vector<output::WhatIfStatus> all;
  for (const auto& v : views) all.push_back(v.status);
  return {std::move(views), std::move(all)};
}

void routes(httplib::Server& server, WorkshopSession& session, bool csv_bom) {
  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, output::workshop_page(), "text/html; charset=utf-8");
  });
  server.Get("/api/levers", [&](const httplib::Request&, httplib::Response& res) {
    reply(res, 200,
          output::levers_json(session.scenario(), session.levers(),
                              session.settings().replications));
  });
  server.Post("/api/what-if", [&](const httplib::Request& req, httplib::Response& res) {
    auto parsed = parse_what_if(req.body, session.levers());
    if (auto* problem = std::get_if<RequestProblem>(&parsed)) {
      reply(res, problem->status, output::error_json(problem->message));
      return;
    }
    try {
      const int id = session.submit(std::get<std::vector<models::LeverPosition>>(std::move(parsed)));
      reply(res, 202, fmt::format("{{\"id\":{}}}", id));
    } catch (const models::ScenarioError& e) {
      std::vector<std::string> problems;
      for (const auto& p : e.problems()) problems.push_back(p.to_string());
      reply(res, 422, output::error_json("the scenario refuses these lever values", problems));
    } catch (const SessionBusy& e) {
      reply(res, 503, output::error_json(e.what()));
    }
  });
  server.Get(R"(/api/what-if/([0-9]{1,6}))", [&](const httplib::Request& req, httplib::Response& res) {
    const auto id = parse_id(req.matches[1].str());
    const auto view = id ? session.view(*id) : std::nullopt;
    if (!view) return reply(res, 404, output::error_json("no such what-if"));
    reply(res, 200, output::what_if_json(view->status));
  });
  server.Get(R"(/api/what-if/([0-9]{1,6})/scenario)", [&](const httplib::Request& req, httplib::Response& res) {
    const auto id = parse_id(req.matches[1].str());
    const auto text = id ? session.saved_file(*id) : std::nullopt;
    if (!text) return reply(res, 404, output::error_json("no such what-if"));
    reply(res, 200, *text, kJson);
    res.set_header("Content-Disposition", fmt::format("attachment; filename=\"what-if-{}.json\"", *id));
  });
  server.Get("/api/record", [&](const httplib::Request&, httplib::Response& res) {
    const auto [views, all] = statuses(session);
    reply(res, 200, output::record_json(all));
  });
  server.Get("/api/record.csv", [&, csv_bom](const httplib::Request&, httplib::Response& res) {
    const auto [views, all] = statuses(session);
    std::string csv = csv_bom ? std::string(output::kUtf8ByteOrderMark) : std::string();
    reply(res, 200, csv + output::record_csv(all), "text/csv; charset=utf-8");
    res.set_header("Content-Disposition", "attachment; filename=\"workshop-record.csv\"");
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    // Only errors without a body of their own (unknown paths, oversized bodies).
    if (!res.body.empty()) return;
    const char* why = res.status == 404   ? "no such page; the page is at /"
                      : res.status == 413 ? "the request is too large"
                                          : "the request was refused";
    reply(res, res.status, output::error_json(why));
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string why = "internal error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      why = std::string("internal error: ") + e.what();
    } catch (...) {
    }
    std::cerr << "casesim: " << why << "\n";
    reply(res, 500, output::error_json(why));
  });
}

}  // namespace

int serve(const ServeOptions& opt) {
  // Ctrl-C and SIGTERM are taken by one thread with sigwait, so the server
  // stops from an ordinary thread (no work in a signal handler). Blocked
  // before any thread starts, so every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  WorkshopSession::Settings settings;
  settings.file = opt.file;
  settings.threads = opt.threads.value_or(std::max(1u, std::thread::hardware_concurrency()));
  settings.replications = static_cast<std::size_t>(opt.replications);
  settings.limits = {opt.limits.max_memory_gb * 1e9, opt.limits.max_cases};
  WorkshopSession session(settings);

  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(8); };
  server.set_payload_max_length(kMaxBodyBytes);
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  server.set_keep_alive_max_count(1000);
  routes(server, session, opt.csv_bom);

  if (!loopback(opt.host))
    std::cerr << "casesim: warning: listening on " << opt.host
              << ", not 127.0.0.1: anyone who can reach this machine on the network can use "
                 "the page and run simulations on it\n";
  int port = opt.port;
  if (port == 0) {
    port = server.bind_to_any_port(opt.host);
    if (port < 0) port = 0;
  } else if (!server.bind_to_port(opt.host, port)) {
    port = 0;
  }
  if (port == 0) {
    session.stop();
    // A command line naming a port or address this machine cannot listen on.
    std::cerr << fmt::format("casesim: cannot listen on {} port {} (in use, or not an address "
                             "of this machine); try another --port or --host\n",
                             opt.host, opt.port);
    return 2;
  }
  const std::string shown_host = opt.host.find(':') != std::string::npos ? "[" + opt.host + "]" : opt.host;
  const std::string url = fmt::format("http://{}:{}/", shown_host, port);
  fmt::print("casesim serve: {} ({} levers, {} replications a what-if)\nopen {} in a browser; "
             "Ctrl-C stops\n",
             session.scenario().meta.name, session.levers().size(), settings.replications, url);
  std::fflush(stdout);

  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  });
  if (opt.open) open_browser(url);
  server.listen_after_bind();
  // listen returned: a signal stopped it, or it failed; either way make
  // the stopper return too.
  ::kill(::getpid(), SIGTERM);
  stopper.join();
  session.stop();
  fmt::print("casesim serve: stopped\n");
  return 0;
}

}  // namespace app
