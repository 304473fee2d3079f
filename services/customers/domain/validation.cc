#include "services/customers/domain/validation.h"

#include <array>
#include <cctype>

#include "common/base/text.h"

namespace careloop::customers::domain {
namespace {

std::string Strip(std::string_view raw, std::string_view drop) {
  std::string out;
  for (char c : raw) {
    if (drop.find(c) == std::string_view::npos) {
      out.push_back(c);
    }
  }
  return out;
}

int VinValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  // Transliteration of ISO 3779: letters map to 1–9 skipping I, O, Q.
  static constexpr std::string_view kLetters = "ABCDEFGHJKLMNPRSTUVWXYZ";
  static constexpr std::array<int, 23> kValues = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
  const auto pos = kLetters.find(c);
  return pos == std::string_view::npos ? -1 : kValues[pos];
}

// The 34 province-level abbreviations used on plates, plus 使 (embassy) and 领 (consulate).
constexpr std::array<std::string_view, 33> kProvinces = {
    "京", "津", "沪", "渝", "冀", "豫", "云", "辽", "黑", "湘", "皖", "鲁", "新", "苏", "浙", "赣", "鄂",
    "桂", "甘", "晋", "蒙", "陕", "吉", "闽", "贵", "粤", "青", "藏", "川", "宁", "琼", "使", "领"};
constexpr std::array<std::string_view, 5> kSuffixes = {"学", "警", "挂", "港", "澳"};

bool IsPlateChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O');
}

}  // namespace

Result<std::string> NormalizeMobile(std::string_view field, std::string_view raw) {
  std::string digits = Strip(TrimSpaces(raw), " -()");
  if (digits.starts_with("+86")) {
    digits = digits.substr(3);
  } else if (digits.starts_with("0086")) {
    digits = digits.substr(4);
  } else if (digits.size() == 13 && digits.starts_with("86")) {
    digits = digits.substr(2);
  }
  if (digits.empty()) {
    return InvalidArgument(std::string(field), "is required");
  }
  if (digits.size() != 11 || digits.find_first_not_of("0123456789") != std::string::npos) {
    return InvalidArgument(std::string(field), "must be an 11-digit mainland mobile number");
  }
  if (digits[0] != '1' || digits[1] < '3') {
    return InvalidArgument(std::string(field), "must start with 13–19 (a mainland mobile number)");
  }
  return digits;
}

char VinCheckDigit(std::string_view vin) {
  static constexpr std::array<int, 17> kWeights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    sum += VinValue(vin[i]) * kWeights[i];
  }
  const int remainder = sum % 11;
  return remainder == 10 ? 'X' : static_cast<char>('0' + remainder);
}

Result<std::string> NormalizeVin(std::string_view field, std::string_view raw) {
  std::string vin = Strip(TrimSpaces(raw), " ");
  for (char& c : vin) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (vin.empty()) {
    return InvalidArgument(std::string(field), "is required");
  }
  if (vin.size() != 17) {
    return InvalidArgument(std::string(field), "must be 17 characters, got " + std::to_string(vin.size()));
  }
  for (char c : vin) {
    if (c == 'I' || c == 'O' || c == 'Q') {
      return InvalidArgument(std::string(field), "must not contain I, O or Q");
    }
    if (VinValue(c) < 0) {
      return InvalidArgument(std::string(field), "may contain only digits and capital letters");
    }
  }
  if (VinCheckDigit(vin) != vin[8]) {
    return InvalidArgument(std::string(field), "check digit (9th character) is wrong");
  }
  return vin;
}

Result<std::string> NormalizePlate(std::string_view field, std::string_view raw) {
  std::string plate = TrimSpaces(raw);
  std::string cleaned;
  for (size_t i = 0; i < plate.size(); ++i) {
    // Drop spaces, '-', '.', and the middle dot "·" (U+00B7, UTF-8 C2 B7).
    if (plate[i] == ' ' || plate[i] == '-' || plate[i] == '.') {
      continue;
    }
    if (static_cast<unsigned char>(plate[i]) == 0xC2 && i + 1 < plate.size() &&
        static_cast<unsigned char>(plate[i + 1]) == 0xB7) {
      ++i;
      continue;
    }
    cleaned.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(plate[i]))));
  }
  if (cleaned.empty()) {
    return InvalidArgument(std::string(field), "is required");
  }
  const std::string_view view = cleaned;
  bool province = false;
  for (auto p : kProvinces) {
    if (view.starts_with(p)) {
      province = true;
      break;
    }
  }
  if (!province) {
    return InvalidArgument(std::string(field), "must start with a province abbreviation such as 京 or 粤");
  }
  std::string_view rest = view.substr(3);  // every abbreviation is one 3-byte UTF-8 character
  bool special = false;                    // 学/警/挂/港/澳 plates have four characters before the suffix
  for (auto suffix : kSuffixes) {
    if (rest.ends_with(suffix)) {
      rest.remove_suffix(suffix.size());
      special = true;
      break;
    }
  }
  if (rest.empty() || rest[0] < 'A' || rest[0] > 'Z') {
    return InvalidArgument(std::string(field), "second character must be a letter (the issuing city)");
  }
  const std::string_view serial = rest.substr(1);
  if (special && serial.size() != 4) {
    return InvalidArgument(std::string(field), "must have 4 characters between the city letter and the suffix");
  }
  if (!special && serial.size() != 5 && serial.size() != 6) {
    return InvalidArgument(std::string(field),
                           "must have 5 (petrol) or 6 (new energy) characters after the city letter");
  }
  for (char c : serial) {
    if (!IsPlateChar(c)) {
      return InvalidArgument(std::string(field), "may use only digits and letters other than I and O");
    }
  }
  return cleaned;
}

Status RequirePastDate(std::string_view field, const Date& date, const Date& today) {
  if (!date.IsSet()) {
    return InvalidArgument(std::string(field), "is required");
  }
  if (!date.IsValid()) {
    return InvalidArgument(std::string(field), "is not a valid calendar date");
  }
  if (date > today) {
    return InvalidArgument(std::string(field),
                           date.ToString() + " is in the future (today is " + today.ToString() + ")");
  }
  return Ok{};
}

Status RequireBirthday(std::string_view field, const Date& date, bool lunar, const Date& today) {
  if (!lunar) {
    return RequirePastDate(field, date, today);
  }
  if (!date.IsSet()) {
    return InvalidArgument(std::string(field), "is required");
  }
  if (date.month < 1 || date.month > 12) {
    return InvalidArgument(std::string(field), "a lunar month is 1–12, got " + std::to_string(date.month));
  }
  if (date.day < 1 || date.day > 30) {
    return InvalidArgument(std::string(field), "a lunar day is 1–30, got " + std::to_string(date.day));
  }
  if (date.year > today.year) {
    return InvalidArgument(std::string(field), "birth year " + std::to_string(date.year) + " is in the future");
  }
  return Ok{};
}

Result<std::string> NormalizeName(std::string_view field, std::string_view raw) {
  std::string name = TrimSpaces(raw);
  if (name.empty()) {
    return InvalidArgument(std::string(field), "is required");
  }
  size_t characters = 0;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      return InvalidArgument(std::string(field), "must not contain control characters");
    }
    if ((c & 0xC0) != 0x80) {
      ++characters;
    }
  }
  if (characters > 50) {
    return InvalidArgument(std::string(field), "must be at most 50 characters");
  }
  return name;
}

Result<std::string> NormalizeNationalId(std::string_view field, std::string_view raw) {
  std::string id = Strip(TrimSpaces(raw), " ");
  if (!id.empty() && id.back() == 'x') {
    id.back() = 'X';
  }
  if (id.size() != 18 || id.find_first_not_of("0123456789") < 17 ||
      (!std::isdigit(static_cast<unsigned char>(id[17])) && id[17] != 'X')) {
    return InvalidArgument(std::string(field), "must be an 18-character resident ID number (17 digits and 0-9 or X)");
  }
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    sum += (id[i] - '0') * kWeights[i];
  }
  if (id[17] != kCheck[static_cast<size_t>(sum % 11)]) {
    return InvalidArgument(std::string(field), "has a wrong check digit (last character)");
  }
  const Date birth{std::stoi(id.substr(6, 4)), std::stoi(id.substr(10, 2)), std::stoi(id.substr(12, 2))};
  if (!birth.IsValid() || birth.year < 1900) {
    return InvalidArgument(std::string(field), "has an impossible birth date in characters 7-14");
  }
  return id;
}

Result<std::string> NormalizePhone(std::string_view field, std::string_view raw) {
  const std::string phone(TrimSpaces(raw));
  const std::string digits = Strip(phone, " -()+");
  if (digits.size() < 5 || digits.size() > 20 || digits.find_first_not_of("0123456789") != std::string::npos ||
      phone.find('+', 1) != std::string::npos) {
    return InvalidArgument(std::string(field), "must be a phone number of 5-20 digits (spaces, dashes allowed)");
  }
  return phone;
}

}  // namespace careloop::customers::domain
