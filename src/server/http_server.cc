#include "server/http_server.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "base/crypto.h"

namespace probation {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

class Connection;

struct HttpServer::Impl {
  HttpServerOptions options;
  Handler handler;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc};
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::condition_variable changed;
  bool shutdown_requested = false;
  bool finished = false;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;

  void Accept();
  void Register(const std::shared_ptr<Connection>& c);
  void Unregister(Connection* c);
  void RequestShutdown();
};

// One client connection; every handler of its asynchronous operations runs on its strand.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, HttpServer::Impl* server)
      : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    const tcp::endpoint remote = stream_.socket().remote_endpoint(ec);
    if (!ec) address_ = remote.address().to_string();
  }
  ~Connection() { server_->Unregister(this); }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  // Posted on the strand at shutdown: a connection waiting for a request is closed; one
  // handling or writing a response closes once the response is written.
  void OnShutdown() {
    if (state_ == State::kReading) stream_.cancel();
  }

  net::any_io_executor executor() { return stream_.get_executor(); }

 private:
  enum class State { kReading, kHandling, kWriting, kClosed };

  void Read() {
    if (server_->stopping) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_->options.header_limit));
    // With per-route limits, the limit is applied once the headers say which route: Beast
    // checks a Content-Length against the limit as the header ends, so none is set until then.
    if (server_->options.body_limit_for) {
      parser_->body_limit(boost::none);
    } else {
      parser_->body_limit(server_->options.body_limit);
    }
    state_ = State::kReading;
    stream_.expires_after(server_->options.read_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  // The headers are in: a route with a larger body limit gets it (and longer to send it),
  // then the body is read.
  void OnHeader(beast::error_code ec) {
    if (ec) return OnRead(ec);
    const HttpServerOptions& options = server_->options;
    if (options.body_limit_for && !parser_->is_done()) {
      const auto& in = parser_->get();
      const size_t limit =
          std::max(options.body_limit, options.body_limit_for(in.method_string(), in.target()));
      if (const auto length = parser_->content_length(); length && *length > limit) {
        return WriteError(413, "payload_too_large", "the request body is too large");
      }
      parser_->body_limit(static_cast<std::uint64_t>(limit));  // a chunked body, as it arrives
      if (limit > options.body_limit) {
        stream_.expires_after(options.upload_read_timeout);
        if (beast::iequals(in[http::field::expect], "100-continue")) {
          continue_ = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                         in.version());
          http::async_write(stream_, *continue_,
                            [self = shared_from_this()](beast::error_code write_ec, size_t) {
                              if (write_ec) return self->Close();
                              self->ReadBody();
                            });
          return;
        }
      }
    }
    ReadBody();
  }

  void ReadBody() {
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec) {
      if (ec == http::error::body_limit) {
        return WriteError(413, "payload_too_large", "the request body is too large");
      }
      if (ec == http::error::header_limit) {
        return WriteError(431, "headers_too_large", "the request headers are too large");
      }
      if (ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
          ec != http::error::end_of_stream && ec != http::error::partial_message) {
        return WriteError(400, "bad_request", "the request is not valid HTTP/1.1");
      }
      return Close();  // closed by the client, timed out, or cancelled at shutdown
    }
    state_ = State::kHandling;
    const http::request<http::string_body>& in = parser_->get();
    HttpRequest request;
    request.method = std::string(in.method_string());
    request.target = std::string(in.target());
    for (const auto& field : in) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto [it, inserted] = request.headers.emplace(name, std::string(field.value()));
      if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + std::string(field.value());
    }
    request.body = in.body();
    request.client_address = address_;
    HttpResponse response;
    try {
      response = server_->handler(request);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "probation serve: handler failed: %s\n", e.what());
      response = ErrorResponse(500, "internal", "the server could not complete the request");
      AddSecurityHeaders(&response, RandomHex(16));
    }
    keep_alive_ = in.keep_alive() && !response.close && !server_->stopping;
    head_ = in.method() == http::verb::head;
    Write(std::move(response), in.version());
  }

  void WriteError(int status, std::string_view code, std::string_view message) {
    head_ = false;
    HttpResponse response = ErrorResponse(status, code, message);
    AddSecurityHeaders(&response, RandomHex(16));
    keep_alive_ = false;
    Write(std::move(response), 11);
  }

  void Write(HttpResponse response, unsigned version) {
    state_ = State::kWriting;
    out_ = {};
    out_.version(version);
    out_.result(static_cast<unsigned>(response.status));
    out_.set(http::field::server, "probation");
    out_.set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) out_.insert(name, value);
    out_.body() = std::move(response.body);
    out_.keep_alive(keep_alive_);
    out_.prepare_payload();
    if (head_) out_.body().clear();  // the length of the GET answer, without its body
    stream_.expires_after(server_->options.write_timeout);
    http::async_write(stream_, out_, [self = shared_from_this()](beast::error_code ec, size_t) {
      self->OnWrite(ec);
    });
  }

  void OnWrite(beast::error_code ec) {
    if (ec || !keep_alive_ || server_->stopping) return Close();
    Read();
  }

  void Close() {
    state_ = State::kClosed;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  HttpServer::Impl* server_;
  std::string address_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> out_;
  std::shared_ptr<http::response<http::empty_body>> continue_;  // a 100 Continue being written
  bool keep_alive_ = false;
  bool head_ = false;
  State state_ = State::kReading;
};

void HttpServer::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || stopping) return;
      std::fprintf(stderr, "probation serve: accept failed: %s\n", ec.message().c_str());
    } else if (!stopping) {
      auto connection = std::make_shared<Connection>(std::move(socket), this);
      Register(connection);
      connection->Start();
    }
    if (!stopping) Accept();
  });
}

void HttpServer::Impl::Register(const std::shared_ptr<Connection>& c) {
  std::lock_guard<std::mutex> lock(mutex);
  connections[c.get()] = c;
}

void HttpServer::Impl::Unregister(Connection* c) {
  std::lock_guard<std::mutex> lock(mutex);
  connections.erase(c);
  if (connections.empty()) changed.notify_all();
}

void HttpServer::Impl::RequestShutdown() {
  if (stopping.exchange(true)) return;
  net::post(ioc, [this] {
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    std::vector<std::shared_ptr<Connection>> live;
    {
      std::lock_guard<std::mutex> lock(mutex);
      for (auto& [raw, weak] : connections) {
        if (auto c = weak.lock()) live.push_back(std::move(c));
      }
    }
    for (auto& c : live) net::post(c->executor(), [c] { c->OnShutdown(); });
  });
  std::lock_guard<std::mutex> lock(mutex);
  shutdown_requested = true;
  changed.notify_all();
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() {
  Shutdown();
  Wait();
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const HttpServerOptions& options,
                                                      Handler handler) {
  if (options.threads < 1 || options.threads > 256) {
    return InvalidArgument("--threads must be between 1 and 256");
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->handler = std::move(handler);
  beast::error_code ec;
  const net::ip::address address = net::ip::make_address(options.address, ec);
  if (ec) return InvalidArgument("not an IP address: " + options.address);
  const tcp::endpoint endpoint(address, options.port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return IoError("cannot listen on " + options.address + ":" + std::to_string(options.port) +
                   ": " + ec.message());
  }
  impl->Accept();
  for (int i = 0; i < options.threads; ++i) {
    impl->threads.emplace_back([ioc = &impl->ioc] { ioc->run(); });
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

uint16_t HttpServer::port() const {
  beast::error_code ec;
  const tcp::endpoint endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void HttpServer::HandleSignals() {
  impl_->signals.add(SIGTERM);
  impl_->signals.add(SIGINT);
  impl_->signals.async_wait([impl = impl_.get()](beast::error_code ec, int) {
    if (!ec) impl->RequestShutdown();
  });
}

void HttpServer::Shutdown() { impl_->RequestShutdown(); }

void HttpServer::Wait() {
  std::unique_lock<std::mutex> lock(impl_->mutex);
  if (impl_->finished) return;
  impl_->changed.wait(lock, [&] { return impl_->shutdown_requested; });
  impl_->changed.wait_for(lock, impl_->options.drain_timeout,
                          [&] { return impl_->connections.empty(); });
  lock.unlock();
  impl_->ioc.stop();
  for (std::thread& t : impl_->threads) t.join();
  impl_->threads.clear();
  lock.lock();
  impl_->finished = true;
}

Status ParseListen(std::string_view listen, std::string* address, uint16_t* port) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == listen.size()) {
    return InvalidArgument("--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8080");
  }
  int value = 0;
  for (char c : listen.substr(colon + 1)) {
    if (c < '0' || c > '9' || value > 65535) return InvalidArgument("--listen: bad port");
    value = value * 10 + (c - '0');
  }
  if (value > 65535) return InvalidArgument("--listen: bad port");
  std::string host(listen.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  *address = host;
  *port = static_cast<uint16_t>(value);
  return Status::Ok();
}

}  // namespace probation
