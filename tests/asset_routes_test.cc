// The front-end assets built into the binary and served at /assets/ (server/asset_routes.h):
// every file the stylesheet and the script name is there; each with its Content-Type, an ETag,
// a 304 for a matching If-None-Match and the cache policy (a year for a versioned or
// fingerprinted name, revalidate otherwise); 404 for an unknown name and for every way of
// climbing out of /assets/; the security headers still on every answer.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <regex>
#include <set>

#include "base/crypto.h"
#include "http_client.h"
#include "server/asset_routes.h"
#include "server/service.h"

namespace probation {
namespace {

namespace fs = std::filesystem;
using testing::ClientResponse;
using testing::TestClient;

class AssetRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("asset_routes_test_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ServiceOptions options;
    options.db_path = (dir_ / "probation.db").string();
    options.hash_cost = PasswordHashCost::Minimum();
    options.log = [](const std::string&) {};
    Result<std::unique_ptr<Service>> service = Service::Create(options, &clock_, nullptr);
    ASSERT_TRUE(service.ok()) << service.status().ToString();
    service_ = std::move(*service);
    HttpServerOptions http;
    http.port = 0;
    http.threads = 2;
    Result<std::unique_ptr<HttpServer>> server = HttpServer::Start(http, service_->Handler());
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
  }

  void TearDown() override {
    server_.reset();
    service_.reset();
    fs::remove_all(dir_);
  }

  std::string Header(const ClientResponse& r, const std::string& name) {
    return r.headers.count(name) ? r.headers.at(name) : std::string();
  }

  FakeClock clock_{1733572800};
  fs::path dir_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(AssetRoutesTest, ServesTheStylesheetWithTypeEtagAndCachePolicy) {
  TestClient client(server_->port());
  ClientResponse css = client.Request("GET", "/assets/application.css");
  ASSERT_EQ(css.status, 200);
  EXPECT_EQ(Header(css, "content-type"), "text/css; charset=utf-8");
  // GOV.UK Frontend, MoJ Frontend and our own styles, compressed, without a source map.
  EXPECT_NE(css.body.find(".govuk-header"), std::string::npos);
  EXPECT_NE(css.body.find(".moj-sub-navigation"), std::string::npos);
  EXPECT_NE(css.body.find(".app-rag--amber"), std::string::npos);
  EXPECT_NE(css.body.find("@font-face"), std::string::npos);
  EXPECT_EQ(css.body.find("sourceMappingURL"), std::string::npos);
  EXPECT_EQ(css.body.find("\n  "), std::string::npos);  // compressed
  const Asset* asset = FindAsset("application.css");
  ASSERT_NE(asset, nullptr);
  EXPECT_EQ(asset->hash, Sha256Hex(css.body).substr(0, 20));
  const std::string etag = "\"" + asset->hash + "\"";
  EXPECT_EQ(Header(css, "etag"), etag);
  // Not versioned: the browser revalidates it.
  EXPECT_EQ(Header(css, "cache-control"), "no-cache");
  // Still under the security headers.
  EXPECT_NE(Header(css, "content-security-policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(Header(css, "x-content-type-options"), "nosniff");

  // The URL pages link to names the current hash: kept for a year.
  EXPECT_EQ(AssetUrl("application.css"), "/assets/application.css?v=" + asset->hash);
  ClientResponse versioned = client.Request("GET", AssetUrl("application.css"));
  EXPECT_EQ(versioned.status, 200);
  EXPECT_EQ(Header(versioned, "cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(versioned.body, css.body);
  // An old version's URL is not kept.
  ClientResponse stale = client.Request("GET", "/assets/application.css?v=0123456789abcdef0123");
  EXPECT_EQ(Header(stale, "cache-control"), "no-cache");

  // Revalidation: 304 without a body for the current ETag (alone, in a list, weak or *).
  for (const std::string& none_match :
       {etag, "\"other\", " + etag, "W/" + etag, std::string("*")}) {
    ClientResponse again = client.Request("GET", "/assets/application.css", std::nullopt,
                                          {{"If-None-Match", none_match}});
    EXPECT_EQ(again.status, 304) << none_match;
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(Header(again, "etag"), etag);
  }
  ClientResponse changed = client.Request("GET", "/assets/application.css", std::nullopt,
                                          {{"If-None-Match", "\"old\""}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(changed.body.size(), css.body.size());

  ClientResponse head = client.Request("HEAD", "/assets/application.css");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(Header(head, "content-length"), std::to_string(css.body.size()));
}

TEST_F(AssetRoutesTest, ScriptsFontsAndImagesWithTheirTypes) {
  TestClient client(server_->port());
  struct Want {
    std::string name, type, starts;
  };
  for (const Want& want : std::vector<Want>{
           {"application.js", "text/javascript; charset=utf-8", "//"},
           {"govuk-frontend.min.js", "text/javascript; charset=utf-8", ""},
           {"moj-frontend.min.js", "text/javascript; charset=utf-8", ""},
           {"fonts/bold-b542beb274-v2.woff2", "font/woff2", "wOF2"},
           {"fonts/light-f591b13f7d-v2.woff", "font/woff", "wOFF"},
           {"images/favicon.svg", "image/svg+xml", ""},
           {"images/favicon.ico", "image/x-icon", ""},
           {"images/govuk-icon-180.png", "image/png", "\x89PNG"},
           {"images/icon-search-black.svg", "image/svg+xml", ""},
       }) {
    ClientResponse r = client.Request("GET", "/assets/" + want.name);
    ASSERT_EQ(r.status, 200) << want.name;
    EXPECT_EQ(Header(r, "content-type"), want.type) << want.name;
    EXPECT_EQ(r.body.substr(0, want.starts.size()), want.starts) << want.name;
    EXPECT_FALSE(Header(r, "etag").empty());
    // The fonts carry their own hash in their names: kept for a year without ?v=.
    EXPECT_EQ(Header(r, "cache-control"), want.name.rfind("fonts/", 0) == 0
                                              ? "public, max-age=31536000, immutable"
                                              : "no-cache")
        << want.name;
  }
  // The script starts both design systems and nothing else; its imports are served.
  ClientResponse js = client.Request("GET", "/assets/application.js");
  EXPECT_NE(js.body.find("initAll"), std::string::npos);
  const std::regex import_from(R"(from '(/assets/[^']+)')");
  int imports = 0;
  for (std::sregex_iterator it(js.body.begin(), js.body.end(), import_from), end; it != end;
       ++it, ++imports) {
    EXPECT_EQ(client.Request("GET", (*it)[1]).status, 200) << (*it)[1];
  }
  EXPECT_EQ(imports, 2);
  // The design systems' scripts are ES modules exporting initAll.
  EXPECT_NE(client.Request("GET", "/assets/govuk-frontend.min.js").body.find("initAll"),
            std::string::npos);
}

// Every url(...) in the stylesheet names an asset that is there: the build copied each font
// and image the design systems' styles use.
TEST_F(AssetRoutesTest, EveryFileTheStylesheetNamesIsServed) {
  ASSERT_TRUE(InitCrypto().ok());
  const Asset* css = FindAsset("application.css");
  ASSERT_NE(css, nullptr);
  const std::string text(css->bytes);
  const std::regex url(R"re(url\("?(/assets/[^")]+)"?\))re");
  std::set<std::string> named;
  for (std::sregex_iterator it(text.begin(), text.end(), url), end; it != end; ++it) {
    named.insert((*it)[1]);
  }
  EXPECT_GE(named.size(), 10u);  // four font files, the crest, MoJ's icons
  TestClient client(server_->port());
  for (const std::string& path : named) {
    EXPECT_EQ(client.Request("GET", path).status, 200) << path;
  }
  EXPECT_EQ(named.count("/assets/fonts/bold-b542beb274-v2.woff2"), 1u);
  EXPECT_GE(AssetCount(), named.size());
}

TEST_F(AssetRoutesTest, UnknownNamesAndPathTraversalAre404) {
  TestClient client(server_->port());
  ClientResponse missing = client.Request("GET", "/assets/no-such-file.css");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.ErrorCode(), "not_found");
  EXPECT_EQ(Header(missing, "cache-control"), "no-store");
  // Every way out of /assets/, raw or percent-encoded, finds nothing (never a file of the
  // build or the source tree, nor another embedded file such as a page template).
  for (const char* target : {
           "/assets/../CMakeLists.txt",
           "/assets/fonts/../../CMakeLists.txt",
           "/assets/%2e%2e/CMakeLists.txt",
           "/assets/%2E%2E/%2e%2e/etc/passwd",
           "/assets/..%2fCMakeLists.txt",
           "/assets/..%2F..%2Fetc%2Fpasswd",
           "/assets/fonts%2f..%2f..%2fCMakeLists.txt",
           "/assets/./application.css",
           "/assets/fonts//bold-b542beb274-v2.woff2",
           "/assets/..\\CMakeLists.txt",
           "/assets/%5c..%5cCMakeLists.txt",
           "/assets/application.css%00.png",
           "/assets/",
           "/assets",
           "/assets/%",
       }) {
    ClientResponse r = client.Request("GET", target);
    EXPECT_EQ(r.status, 404) << target;
    // Our 404 (JSON) or the router's (an HTML page for a path with no route); never a file.
    EXPECT_EQ(r.body.find("cmake_minimum_required"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("wOF2"), std::string::npos) << target;
    EXPECT_EQ(r.body.find(".govuk-header{"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
  }
  // The names themselves: only plain relative paths are looked up.
  EXPECT_NE(FindAsset("fonts/bold-b542beb274-v2.woff2"), nullptr);
  for (const char* name : {"", "/application.css", "./application.css", "fonts/../application.css",
                           "..", "fonts/", "fonts//bold-b542beb274-v2.woff2", "fonts\\x"}) {
    EXPECT_EQ(FindAsset(name), nullptr) << name;
  }
  // Only assets: other files built into the binary are not below /assets/.
  for (const char* name : {"../templates/layout.mustache", "templates/layout.mustache"}) {
    EXPECT_EQ(FindAsset(name), nullptr) << name;
  }
  // Writing is not a thing /assets/ does.
  EXPECT_EQ(client.Request("POST", "/assets/application.css").status, 405);
}

TEST(AssetContentTypeTest, ByExtension) {
  EXPECT_EQ(AssetContentType("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(AssetContentType("x/a.min.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(AssetContentType("a.woff2"), "font/woff2");
  EXPECT_EQ(AssetContentType("a.woff"), "font/woff");
  EXPECT_EQ(AssetContentType("a.svg"), "image/svg+xml");
  EXPECT_EQ(AssetContentType("a.png"), "image/png");
  EXPECT_EQ(AssetContentType("a.ico"), "image/x-icon");
  EXPECT_EQ(AssetContentType("a.json"), "application/json");
  EXPECT_EQ(AssetContentType("README"), "application/octet-stream");
  EXPECT_EQ(AssetContentType("a.css.exe"), "application/octet-stream");
}

}  // namespace
}  // namespace probation
