// HttpServer: HTTP/1.1 on Boost.Beast/Asio with a fixed pool of worker threads running one
// io_context. Each connection is served in order on its own strand: keep-alive, one request
// at a time, read and written asynchronously, so a slow client holds no worker. Limits: the
// header and body sizes (431 and 413, then the connection is closed), and a deadline for
// receiving each whole request (`read_timeout`, which also bounds how long a kept-alive
// connection may sit idle) and for sending each response (`write_timeout`). A malformed
// request gets a 400 and its connection is closed; the server keeps serving others.
//
// Shutdown() (also on SIGTERM or SIGINT once HandleSignals() is called) is graceful: the
// listener closes, idle connections are closed, every request already being handled runs to
// the end and its response is written whole; then the threads stop. Wait() returns when that
// is done, or after `drain_timeout` at the latest.
//
// Thread-safe. The handler is called concurrently from the worker threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/status.h"
#include "server/http_types.h"

namespace probation {

struct HttpServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (tests)
  int threads = 4;
  size_t header_limit = 16 * 1024;
  size_t body_limit = 1024 * 1024;
  // A larger limit for some requests (a route that takes uploads), asked once the headers are
  // read: method and target in, bytes out (0: body_limit). Such a request also gets
  // `upload_read_timeout` instead of read_timeout to arrive, and an "Expect: 100-continue"
  // is answered with 100 Continue. Unset: body_limit for every request.
  std::function<size_t(std::string_view method, std::string_view target)> body_limit_for;
  std::chrono::milliseconds upload_read_timeout{300000};
  std::chrono::milliseconds read_timeout{15000};
  std::chrono::milliseconds write_timeout{30000};
  std::chrono::milliseconds drain_timeout{30000};
};

class HttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  // Binds, listens and starts the worker threads.
  static Result<std::unique_ptr<HttpServer>> Start(const HttpServerOptions& options,
                                                   Handler handler);
  ~HttpServer();  // Shutdown() and Wait()

  uint16_t port() const;
  // Shuts down on SIGTERM or SIGINT.
  void HandleSignals();
  // Begins a graceful shutdown and returns at once.
  void Shutdown();
  // Blocks until the server has shut down (after Shutdown() or a signal).
  void Wait();

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "127.0.0.1:8080" -> address and port; InvalidArgument when malformed.
Status ParseListen(std::string_view listen, std::string* address, uint16_t* port);

}  // namespace probation
