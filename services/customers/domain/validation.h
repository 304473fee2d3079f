#pragma once

#include <string>
#include <string_view>

#include "common/base/error.h"
#include "common/base/time.h"

namespace careloop::customers::domain {

/// A mainland China mobile number, normalised to its 11 digits. Accepts "+86 138-0013-8000",
/// "86 13800138000", spaces and dashes. INVALID_ARGUMENT naming `field` otherwise.
[[nodiscard]] Result<std::string> NormalizeMobile(std::string_view field, std::string_view raw);

/// The check digit (position 9) a VIN must carry, per ISO 3779 / GB 16735 weights.
/// `vin` must be 17 characters of the VIN alphabet.
[[nodiscard]] char VinCheckDigit(std::string_view vin);

/// A VIN: 17 characters, digits and capital letters without I, O, Q, and a correct check
/// digit. Lower case is upper-cased. INVALID_ARGUMENT naming `field` otherwise.
[[nodiscard]] Result<std::string> NormalizeVin(std::string_view field, std::string_view raw);

/// A Chinese licence plate: a province abbreviation (京, 沪, 粤 …), a letter, then 5
/// characters (petrol) or 6 (new energy) of digits and letters without I and O; or 4 followed by
/// 学/警/挂/港/澳. Spaces and the middle dot are removed, letters upper-cased.
[[nodiscard]] Result<std::string> NormalizePlate(std::string_view field, std::string_view raw);

/// A past-or-today date: set, valid, and not after `today` (a delivery, visit or birthday
/// cannot lie in the future).
[[nodiscard]] Status RequirePastDate(std::string_view field, const Date& date, const Date& today);

/// A birthday as the record keeps it: a solar one is a past-or-today date (RequirePastDate); a
/// lunar one (农历生日) is a birth year not after today's, lunar month 1–12 and day 1–30 — so
/// 正月三十 is accepted though no solar February has a 30th, and month 13 is refused.
[[nodiscard]] Status RequireBirthday(std::string_view field, const Date& date, bool lunar, const Date& today);

/// A mainland resident ID number (居民身份证号): 18 characters, 17 digits and a check digit
/// (0–9 or X, ISO 7064 MOD 11-2), with a valid birth date in positions 7–14. Lower-case x is
/// upper-cased. INVALID_ARGUMENT naming `field` otherwise.
[[nodiscard]] Result<std::string> NormalizeNationalId(std::string_view field, std::string_view raw);

/// A landline or any phone: digits with an optional leading "+", spaces, dashes and brackets
/// kept as the customer wrote them; 5–20 digits. INVALID_ARGUMENT naming `field` otherwise.
[[nodiscard]] Result<std::string> NormalizePhone(std::string_view field, std::string_view raw);

/// A person's name: 1–50 characters after trimming, no control characters.
[[nodiscard]] Result<std::string> NormalizeName(std::string_view field, std::string_view raw);

}  // namespace careloop::customers::domain
