// `probation serve --db FILE [--listen 127.0.0.1:8080] [--threads N] [--secure-cookies]
//  [--behind-proxy]`
#include "cli/serve_command.h"

#include <cstdio>
#include <iostream>

#include "base/clock.h"
#include "cli/commands.h"
#include "server/engine_holder.h"
#include "server/http_server.h"
#include "server/service.h"

namespace probation {

Status RunServer(const ServeArgs& args) {
  HttpServerOptions http;
  PROBATION_RETURN_IF_ERROR(ParseListen(args.listen, &http.address, &http.port));
  http.threads = args.threads;
  static SystemClock clock;
  std::fprintf(stderr, "probation serve: building the engine from %s ...\n", args.db.c_str());
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<EngineHolder> engine,
                             EngineHolder::Start(EngineHolderOptions::ForServing(args.db)));
  {
    const std::shared_ptr<const EngineState> state = engine->Current();
    std::fprintf(stderr,
                 "probation serve: engine ready in %.1f s, as at %s; live: a write or an import "
                 "reaches the figures at the next refresh\n",
                 state->build_seconds, state->engine->as_at().ToString().c_str());
  }
  ServiceOptions options;
  options.db_path = args.db;
  options.secure_cookies = args.secure_cookies;
  options.behind_proxy = args.behind_proxy;
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Service> service,
                             Service::Create(options, &clock, std::move(engine)));
  http.body_limit_for = service->BodyLimits();  // the import upload's larger limit
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<HttpServer> server,
                             HttpServer::Start(http, service->Handler()));
  server->HandleSignals();
  std::fprintf(stderr,
               "probation serve: listening on http://%s:%u/ with %d threads (SIGTERM or Ctrl-C "
               "stops it)\n",
               http.address.c_str(), static_cast<unsigned>(server->port()), http.threads);
  server->Wait();
  std::fprintf(stderr, "probation serve: stopped\n");
  return Status::Ok();
}

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the JSON API: accounts, sessions, scorecards, exceptions, board packs");
  cmd->add_option("--db", args->db, "Database file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--listen", args->listen, "ADDRESS:PORT to listen on")
      ->default_val("127.0.0.1:8080");
  cmd->add_option("--threads", args->threads, "Worker threads")->default_val(4);
  cmd->add_flag("--secure-cookies", args->secure_cookies,
                "Mark the session cookie Secure (when TLS is terminated in front)");
  cmd->add_flag("--behind-proxy", args->behind_proxy,
                "Take the client's address from X-Forwarded-For on loopback connections (a "
                "reverse proxy on this machine)");
  cmd->callback([=] {
    const Status s = RunServer(*args);
    if (!s.ok()) std::cerr << "probation serve: " << s.message() << "\n";
    *exit_code = s.ok() ? 0 : 2;
  });
}

}  // namespace probation
