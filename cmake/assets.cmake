# The front-end assets (src/server/asset_routes.h), built into ${CMAKE_BINARY_DIR}/assets/ as
# the server serves them below /assets/:
#   application.css        src/server/assets/application.scss compiled by sass (compressed, no
#                          source map), with GOV.UK Frontend and MoJ Frontend from node_modules/
#   application.js         src/server/assets/application.js (starts both design systems)
#   govuk-frontend.min.js  GOV.UK Frontend's ES module bundle
#   moj-frontend.min.js    MoJ Frontend's ES module bundle
#   manifest.json          GOV.UK Frontend's web app manifest (its icons)
#   fonts/ images/         GOV.UK Frontend's fonts and images, MoJ Frontend's images
# Sets PROBATION_ASSET_FILES (the built files) and PROBATION_ASSETS_DIR for the embedding step.
set(PROBATION_NODE_MODULES "${CMAKE_SOURCE_DIR}/node_modules")
set(PROBATION_GOVUK_DIST "${PROBATION_NODE_MODULES}/govuk-frontend/dist/govuk")
set(PROBATION_MOJ_DIST "${PROBATION_NODE_MODULES}/@ministryofjustice/frontend/moj")
foreach(required
    "${PROBATION_NODE_MODULES}/.bin/sass"
    "${PROBATION_GOVUK_DIST}/govuk-frontend.min.js"
    "${PROBATION_MOJ_DIST}/moj-frontend.min.js")
  if(NOT EXISTS "${required}")
    message(FATAL_ERROR "The front-end packages are missing (${required}): run scripts/setup, "
      "which runs npm ci from package-lock.json into node_modules/.")
  endif()
endforeach()

set(PROBATION_ASSETS_DIR "${CMAKE_BINARY_DIR}/assets")
set(PROBATION_ASSET_FILES "")

# The stylesheet: rebuilt when our Sass or the locked packages change.
file(GLOB probation_scss CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/server/assets/*.scss")
add_custom_command(
  OUTPUT "${PROBATION_ASSETS_DIR}/application.css"
  COMMAND "${PROBATION_NODE_MODULES}/.bin/sass" --style=compressed --no-source-map --quiet-deps
    "--load-path=${CMAKE_SOURCE_DIR}"
    "${CMAKE_SOURCE_DIR}/src/server/assets/application.scss"
    "${PROBATION_ASSETS_DIR}/application.css"
  DEPENDS ${probation_scss} "${CMAKE_SOURCE_DIR}/package-lock.json"
  COMMENT "Compiling the stylesheet (sass)"
  VERBATIM)
list(APPEND PROBATION_ASSET_FILES "${PROBATION_ASSETS_DIR}/application.css")

# Files copied as they are: (source, name below /assets/).
set(probation_asset_copies
  "${CMAKE_SOURCE_DIR}/src/server/assets/application.js" "application.js"
  "${PROBATION_GOVUK_DIST}/govuk-frontend.min.js" "govuk-frontend.min.js"
  "${PROBATION_MOJ_DIST}/moj-frontend.min.js" "moj-frontend.min.js"
  "${PROBATION_GOVUK_DIST}/assets/manifest.json" "manifest.json")
file(GLOB probation_fonts "${PROBATION_GOVUK_DIST}/assets/fonts/*.woff2"
  "${PROBATION_GOVUK_DIST}/assets/fonts/*.woff")
file(GLOB probation_images "${PROBATION_GOVUK_DIST}/assets/images/*"
  "${PROBATION_MOJ_DIST}/assets/images/*")
foreach(font IN LISTS probation_fonts)
  get_filename_component(name "${font}" NAME)
  list(APPEND probation_asset_copies "${font}" "fonts/${name}")
endforeach()
foreach(image IN LISTS probation_images)
  get_filename_component(name "${image}" NAME)
  list(APPEND probation_asset_copies "${image}" "images/${name}")
endforeach()
list(LENGTH probation_asset_copies probation_copy_count)
math(EXPR probation_copy_last "${probation_copy_count} - 1")
foreach(i RANGE 0 ${probation_copy_last} 2)
  math(EXPR j "${i} + 1")
  list(GET probation_asset_copies ${i} source)
  list(GET probation_asset_copies ${j} name)
  add_custom_command(
    OUTPUT "${PROBATION_ASSETS_DIR}/${name}"
    COMMAND ${CMAKE_COMMAND} -E copy "${source}" "${PROBATION_ASSETS_DIR}/${name}"
    DEPENDS "${source}" "${CMAKE_SOURCE_DIR}/package-lock.json"
    VERBATIM)
  list(APPEND PROBATION_ASSET_FILES "${PROBATION_ASSETS_DIR}/${name}")
endforeach()
