#pragma once

#include <string>
#include <string_view>

#include "common/base/error.h"

namespace careloop {

/// Text encodings of files that people export from Excel and dealer systems.
enum class TextEncoding { kUtf8, kGbk };

/// True if `bytes` is well-formed UTF-8. A multi-byte sequence cut off at the very end is
/// accepted when `allow_truncated_tail` (the rest may be in the next chunk).
[[nodiscard]] bool IsValidUtf8(std::string_view bytes, bool allow_truncated_tail = false);

/// Guesses the encoding of a file from its first bytes: a UTF-8 BOM or well-formed UTF-8 means
/// UTF-8; anything else is taken as GBK (what Excel writes on Chinese Windows).
[[nodiscard]] TextEncoding DetectEncoding(std::string_view head);

/// Converts GBK (GB18030, its superset) to UTF-8 with glibc's iconv. Error naming the byte
/// offset of the first sequence that is not GBK.
[[nodiscard]] Result<std::string> GbkToUtf8(std::string_view gbk);

/// Removes a leading UTF-8 byte order mark, if any.
[[nodiscard]] std::string_view StripUtf8Bom(std::string_view text);

}  // namespace careloop
