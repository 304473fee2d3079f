# Reconciliation of sends whose vendor answer was lost: the domain's rules and the Reconciler over
# the shared fakes. Included from tests/unit/CMakeLists.txt.
add_executable(dispatch_reconcile_test "${CMAKE_CURRENT_LIST_DIR}/dispatch_reconcile_test.cc")
target_link_libraries(dispatch_reconcile_test PRIVATE
  careloop_dispatch_app careloop_config careloop_clock careloop_auth GTest::gtest_main)
target_include_directories(dispatch_reconcile_test PRIVATE ${PROJECT_SOURCE_DIR})
careloop_strict(dispatch_reconcile_test)
include(GoogleTest)
gtest_discover_tests(dispatch_reconcile_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
