// A small HTTP/1.1 client on Boost.Beast for the server tests: one connection, synchronous,
// keep-alive, with a cookie jar for the session cookie and the CSRF token remembered from
// sign-in. Also sends raw bytes, for malformed requests.
#pragma once

#include <cctype>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace probation::testing {

struct ClientResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  bool closed = false;  // the server closed the connection after it

  nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string ErrorCode() const {
    const nlohmann::json j = Json();
    return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
  }
};

class TestClient {
 public:
  explicit TestClient(uint16_t port) : port_(port), stream_(ioc_) {}

  ClientResponse Request(const std::string& method, const std::string& target,
                         const std::optional<nlohmann::json>& body = std::nullopt,
                         const std::map<std::string, std::string>& headers = {}) {
    return body ? Exchange(method, target, "application/json", body->dump(), headers)
                : Exchange(method, target, "", "", headers);
  }

  // A request with a body of any type (a multipart form, say), with the session's cookie and
  // CSRF token as Request() sends them.
  ClientResponse Send(const std::string& method, const std::string& target,
                      const std::string& content_type, const std::string& body,
                      const std::map<std::string, std::string>& headers = {}) {
    return Exchange(method, target, content_type, body, headers);
  }

  const std::string& csrf() const { return csrf_; }

  // Writes `bytes` as they are and reads one response.
  ClientResponse Raw(const std::string& bytes) {
    Connect();
    boost::beast::error_code write_error;  // as in Request: the answer may come first
    boost::asio::write(stream_.socket(), boost::asio::buffer(bytes), write_error);
    return ReadResponse();
  }

  // Signs in; remembers the session cookie and CSRF token. Returns the response.
  ClientResponse SignIn(const std::string& username, const std::string& password,
                        std::map<std::string, std::string> headers = {}) {
    ClientResponse r =
        Request("POST", "/api/v1/session",
                nlohmann::json{{"username", username}, {"password", password}}, std::move(headers));
    if (r.status == 201) {
      const std::string set_cookie = r.headers["set-cookie"];
      cookie_ = set_cookie.substr(0, set_cookie.find(';'));
      csrf_ = r.Json()["csrf_token"].get<std::string>();
    }
    return r;
  }

  // Posts `fields` as an HTML form (application/x-www-form-urlencoded), with no CSRF header
  // (a form carries its token as a field); keeps a session cookie the answer sets.
  ClientResponse PostForm(const std::string& target,
                          const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string body;
    for (const auto& [name, value] : fields) {
      body += (body.empty() ? "" : "&") + FormEncode(name) + "=" + FormEncode(value);
    }
    const bool send = send_csrf_;
    send_csrf_ = false;
    ClientResponse r = RequestBody("POST", target, body, "application/x-www-form-urlencoded");
    send_csrf_ = send;
    KeepCookie(r);
    return r;
  }

  // Sends `body` as it is with `content_type`.
  ClientResponse RequestBody(const std::string& method, const std::string& target,
                             const std::string& body, const std::string& content_type) {
    return Exchange(method, target, content_type, body, {});
  }

  // Takes the session cookie from a response's Set-Cookie, if it sets one (cleared: forgotten).
  void KeepCookie(ClientResponse& r) {
    const auto it = r.headers.find("set-cookie");
    if (it == r.headers.end()) return;
    const std::string pair = it->second.substr(0, it->second.find(';'));
    cookie_ = pair.substr(pair.find('=') + 1).empty() ? std::string() : pair;
  }

  static std::string FormEncode(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
        out += static_cast<char>(c);
      } else if (c == ' ') {
        out += '+';
      } else {
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
    return out;
  }

  void set_send_csrf(bool send) { send_csrf_ = send; }
  void set_bearer(std::string token) { bearer_ = std::move(token); }
  void set_cookie(std::string cookie) { cookie_ = std::move(cookie); }
  const std::string& cookie() const { return cookie_; }
  void Disconnect() {
    boost::beast::error_code ec;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    stream_.close();
    connected_ = false;
  }

 private:
  // Writes one request, with the session's cookie, the CSRF token (unless switched off), the
  // bearer token and `headers`, and `body` with its `content_type` when that is not empty (it
  // wins over a Content-Type in `headers`); reads the response.
  ClientResponse Exchange(const std::string& method, const std::string& target,
                          const std::string& content_type, const std::string& body,
                          const std::map<std::string, std::string>& headers) {
    namespace http = boost::beast::http;
    Connect();
    http::request<http::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(http::field::host, "127.0.0.1");
    req.keep_alive(true);
    if (!cookie_.empty()) req.set(http::field::cookie, cookie_);
    if (!csrf_.empty() && send_csrf_) req.set("X-CSRF-Token", csrf_);
    if (!bearer_.empty()) req.set(http::field::authorization, "Bearer " + bearer_);
    for (const auto& [name, value] : headers) req.set(name, value);
    if (!content_type.empty()) {
      req.set(http::field::content_type, content_type);
      req.body() = body;
    }
    req.prepare_payload();
    // A server may answer (413, 431) and close before the whole request is written: the write
    // then fails (broken pipe) and the answer is still there to read.
    boost::beast::error_code write_error;
    http::write(stream_, req, write_error);
    return ReadResponse(method == "HEAD");
  }

  void Connect() {
    if (connected_) return;
    stream_.connect(
        boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_));
    connected_ = true;
  }

  ClientResponse ReadResponse(bool head = false) {
    namespace http = boost::beast::http;
    ClientResponse out;
    http::response_parser<http::string_body> parser;
    parser.skip(head);  // an answer to HEAD has no body, whatever its Content-Length says
    parser.body_limit(64 * 1024 * 1024);
    stream_.expires_after(std::chrono::seconds(30));
    boost::beast::error_code ec;
    http::read(stream_, buffer_, parser, ec);
    if (ec) {
      out.status = -1;
      out.closed = true;
      connected_ = false;
      stream_.close();
      return out;
    }
    const auto& res = parser.get();
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers[name] = std::string(field.value());
    }
    out.body = res.body();
    if (!res.keep_alive()) {
      out.closed = true;
      Disconnect();
    }
    return out;
  }

  uint16_t port_;
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  bool connected_ = false;
  std::string cookie_, csrf_, bearer_;
  bool send_csrf_ = true;
};

}  // namespace probation::testing
