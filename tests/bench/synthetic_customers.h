#pragma once

// Synthetic customers for the benchmarks: row i always gives the same person and car, every
// key (mobile, VIN, plate) is valid and unique per row, and every date lies in the past.

#include <array>
#include <cstdio>
#include <string>
#include <string_view>

#include "common/base/time.h"
#include "services/customers/domain/validation.h"

namespace careloop::bench {

/// One delivery line of a DMS sales export, as the information clerk imports it.
struct SyntheticDelivery final {
  std::string name;
  std::string mobile;
  std::string vin;
  std::string plate;
  std::string model;
  std::string series;
  Date delivery_date;
};

/// Row `i` (0 ≤ i < 2,300,000): an 11-digit mobile starting 13, 15 or 18; a 17-character VIN
/// with a correct check digit; a plate 浙<letter><5 digits>; a delivery between 2021-01-01 and
/// 2023-12-31.
inline SyntheticDelivery MakeDelivery(int i) {
  static constexpr std::array<std::string_view, 8> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄"};
  static constexpr std::array<std::string_view, 8> kGivenNames = {"小明", "娜", "伟", "芳", "建国", "静", "磊", "丽华"};
  static constexpr std::array<std::string_view, 3> kMobilePrefixes = {"13", "15", "18"};
  static constexpr std::array<std::string_view, 3> kModels = {"星途瑶光", "星途揽月", "星途凌云"};
  // Letters allowed both in a VIN and on a plate (no I, O, Q).
  static constexpr std::string_view kLetters = "ABCDEFGHJKLMNPRSTUVWXYZ";

  SyntheticDelivery row;
  row.name = std::string(kSurnames[i % kSurnames.size()]) + std::string(kGivenNames[(i / 8) % kGivenNames.size()]);
  char digits[16];
  std::snprintf(digits, sizeof digits, "%09d", i);
  row.mobile = std::string(kMobilePrefixes[i % kMobilePrefixes.size()]) + digits;

  // LVV (Chery) + DA41B (descriptor) + check digit + R (model year 2024) + plant + 6-digit serial.
  const auto n = static_cast<unsigned>(i);
  char vin[18];
  std::snprintf(vin, sizeof vin, "LVVDA41B0R%c%06u", kLetters[(n / 1'000'000) % kLetters.size()], n % 1'000'000);
  vin[8] = customers::domain::VinCheckDigit(vin);
  row.vin = vin;

  char plate[8];
  std::snprintf(plate, sizeof plate, "%c%05u", kLetters[(n / 100'000) % kLetters.size()], n % 100'000);
  row.plate = std::string("浙") + plate;

  row.model = std::string(kModels[i % kModels.size()]);
  row.series = i % 2 == 0 ? "2.0T 四驱" : "1.6T 两驱";
  row.delivery_date = Date{2021, 1, 1}.PlusDays((static_cast<int64_t>(i) * 7919) % 1095);
  return row;
}

}  // namespace careloop::bench
