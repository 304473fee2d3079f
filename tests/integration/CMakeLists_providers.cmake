# Provider adapters against the fake gateway served in-process. Included from
# tests/integration/CMakeLists.txt.
add_executable(provider_adapters_test "${CMAKE_CURRENT_LIST_DIR}/provider_adapters_test.cc")
target_link_libraries(provider_adapters_test PRIVATE
  careloop_dispatch_providers careloop_fake_gateway_lib careloop_providers
  PkgConfig::HTTPLIB nlohmann_json::nlohmann_json GTest::gtest_main Threads::Threads)
careloop_strict(provider_adapters_test)
include(GoogleTest)
gtest_discover_tests(provider_adapters_test PROPERTIES LABELS integration)
