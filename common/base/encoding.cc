#include "common/base/encoding.h"

#include <iconv.h>

#include <cerrno>
#include <memory>

namespace careloop {

bool IsValidUtf8(std::string_view bytes, bool allow_truncated_tail) {
  size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    size_t length = 0;
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
    } else {
      return false;
    }
    if (i + length > bytes.size()) {
      if (!allow_truncated_tail) {
        return false;
      }
      length = bytes.size() - i;
    }
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) {
        return false;
      }
    }
    i += length;
  }
  return true;
}

TextEncoding DetectEncoding(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) {
    return TextEncoding::kUtf8;
  }
  return IsValidUtf8(head, true) ? TextEncoding::kUtf8 : TextEncoding::kGbk;
}

Result<std::string> GbkToUtf8(std::string_view gbk) {
  iconv_t handle = iconv_open("UTF-8", "GB18030");
  if (handle == reinterpret_cast<iconv_t>(-1)) {
    return Error{ErrorCode::kInternal, "encoding", "iconv has no GB18030 converter"};
  }
  std::unique_ptr<void, int (*)(iconv_t)> guard(handle, &iconv_close);
  std::string out(gbk.size() * 2 + 16, '\0');
  char* in_ptr = const_cast<char*>(gbk.data());
  size_t in_left = gbk.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  while (in_left > 0) {
    if (iconv(handle, &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {
        const size_t used = static_cast<size_t>(out_ptr - out.data());
        out.resize(out.size() * 2);
        out_ptr = out.data() + used;
        out_left = out.size() - used;
        continue;
      }
      return InvalidArgument("encoding", "not GBK at byte " + std::to_string(gbk.size() - in_left));
    }
  }
  out.resize(static_cast<size_t>(out_ptr - out.data()));
  return out;
}

std::string_view StripUtf8Bom(std::string_view text) {
  return text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
}

}  // namespace careloop
