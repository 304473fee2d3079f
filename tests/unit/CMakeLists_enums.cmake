# The enum tables (common/base/enum_table.h) and the customers service's tables: complete,
# round-tripping, safe fallbacks for stored values and errors for client values. Included from
# tests/unit/CMakeLists.txt.
add_executable(enum_tables_test enum_tables_test.cc)
target_link_libraries(enum_tables_test PRIVATE careloop_customers_proto_mapping GTest::gtest_main)
careloop_strict(enum_tables_test)
gtest_discover_tests(enum_tables_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)

# The other services' tables (services/{reminders,dispatch,surveys}/adapters/enum_tables.h).
add_executable(service_enum_tables_test service_enum_tables_test.cc reminders_rule_mapping_test.cc)
target_link_libraries(service_enum_tables_test PRIVATE careloop_reminders_proto_mapping
  careloop_dispatch_proto_mapping careloop_surveys_proto_mapping GTest::gtest_main)
careloop_strict(service_enum_tables_test)
gtest_discover_tests(service_enum_tables_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
