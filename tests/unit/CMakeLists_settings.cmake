# Each service's settings struct and its parser (services/<name>/settings.cc).
add_executable(settings_test settings_test.cc campaign_settings_test.cc dispatch_vendor_settings_test.cc
               dispatch_plan_settings_test.cc store_task_settings_test.cc dispatch_reconcile_settings_test.cc
               dispatch_batch_settings_test.cc

               surveys_case_settings_test.cc)
target_link_libraries(settings_test PRIVATE careloop_customers_adapters careloop_reminders_adapters
  careloop_dispatch_adapters careloop_surveys_adapters GTest::gtest_main)
careloop_strict(settings_test)
gtest_discover_tests(settings_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
