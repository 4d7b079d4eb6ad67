# The browser tests (tests/browser/README.md): node's test runner driving Debian's Chromium
# through playwright-core against `probation serve` on a generated trust. In the release build
# only: under the sanitizers the server is too slow for a browser's timeouts, and the same
# pages are tested once already.
if(PROBATION_SANITIZE OR NOT EXISTS "${CMAKE_SOURCE_DIR}/node_modules/playwright-core")
  set(probation_browser_default OFF)
else()
  set(probation_browser_default ON)
endif()
option(PROBATION_BROWSER_TESTS "Run the browser tests (tests/browser) in ctest"
  ${probation_browser_default})
if(PROBATION_BROWSER_TESTS)
  find_program(PROBATION_NODE node REQUIRED)
  find_program(PROBATION_CHROMIUM chromium PATHS /usr/bin REQUIRED)
  add_test(NAME browser_tests
    COMMAND "${PROBATION_NODE}" "${CMAKE_SOURCE_DIR}/tests/browser/run.mjs"
      --binary "$<TARGET_FILE:probation>" --screenshots "${CMAKE_BINARY_DIR}/screenshots")
  # Alone, so that Chromium's load does not upset the timing of the server tests.
  set_tests_properties(browser_tests PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE)
endif()
