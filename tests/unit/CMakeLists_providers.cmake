# Vendor signing helpers (common/providers). Included from tests/unit/CMakeLists.txt.
add_executable(providers_test "${CMAKE_CURRENT_LIST_DIR}/providers_signature_test.cc")
target_link_libraries(providers_test PRIVATE careloop_providers GTest::gtest_main)
careloop_strict(providers_test)
include(GoogleTest)
gtest_discover_tests(providers_test PROPERTIES LABELS unit)
