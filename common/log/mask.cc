#include "common/log/mask.h"

#include <cctype>

namespace careloop::log {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Length of the run of digits starting at i.
size_t DigitRun(std::string_view text, size_t i) {
  size_t n = 0;
  while (i + n < text.size() && IsDigit(text[i + n])) {
    ++n;
  }
  return n;
}

}  // namespace

std::string MaskPhone(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (IsDigit(c)) {
      digits.push_back(c);
    }
  }
  if (digits.size() < 7) {
    return std::string(digits.size(), '*');
  }
  return digits.substr(0, 3) + std::string(digits.size() - 7, '*') + digits.substr(digits.size() - 4);
}

std::string MaskName(std::string_view name) {
  if (name.empty()) {
    return {};
  }
  size_t first = 1;
  const auto lead = static_cast<unsigned char>(name[0]);
  if (lead >= 0xF0) {
    first = 4;
  } else if (lead >= 0xE0) {
    first = 3;
  } else if (lead >= 0xC0) {
    first = 2;
  }
  return std::string(name.substr(0, first)) + "**";
}

std::string MaskPii(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i]) || (i > 0 && IsDigit(text[i - 1]))) {
      out.push_back(text[i]);
      ++i;
      continue;
    }
    const size_t run = DigitRun(text, i);
    const bool x_suffix = run == 17 && i + run < text.size() && (text[i + run] == 'X' || text[i + run] == 'x');
    if (run == 18 || x_suffix) {
      // National ID: region (6) + birth date (8) + sequence and check (4).
      const size_t len = 18;  // 17 digits + X, or 18 digits
      std::string id(text.substr(i, len));
      out += id.substr(0, 6) + "********" + id.substr(14);
      i += len;
    } else if (run == 15) {
      out += std::string(text.substr(i, 6)) + "******" + std::string(text.substr(i + 12, 3));
      i += run;
    } else if (run == 11 && text[i] == '1') {
      out += MaskPhone(text.substr(i, 11));
      i += run;
    } else if (run == 13 && text.substr(i, 3).starts_with("861")) {
      out += "86" + MaskPhone(text.substr(i + 2, 11));
      i += run;
    } else {
      out.append(text.substr(i, run));
      i += run;
    }
  }
  return out;
}

}  // namespace careloop::log
