# Vendor trouble in dispatch: the vendor-code tables, the retry/failover rules, the circuit
# breaker, SmsFailover and DispatchApp's attempts, and delivery receipts (parsing, signatures,
# the routes over an in-memory ledger) over the shared fakes. Included from
# tests/unit/CMakeLists.txt.
add_executable(dispatch_vendors_test "${CMAKE_CURRENT_LIST_DIR}/dispatch_vendors_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/dispatch_receipts_test.cc")
target_link_libraries(dispatch_vendors_test PRIVATE
  careloop_dispatch_adapters careloop_dispatch_app careloop_dispatch_providers careloop_config careloop_clock careloop_auth GTest::gtest_main)
target_include_directories(dispatch_vendors_test PRIVATE ${PROJECT_SOURCE_DIR})
careloop_strict(dispatch_vendors_test)
include(GoogleTest)
gtest_discover_tests(dispatch_vendors_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
