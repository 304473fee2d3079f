#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace careloop {

/// One value of an enum that crosses a boundary: the domain's value, the contract's (protobuf)
/// value and the word people type and read in the CLI.
template <class Domain, class Proto>
struct EnumRow final {
  Domain domain;
  Proto proto;
  std::string_view word;
};

/// Whether a word list includes the row whose contract value is 0 (protobuf's UNSPECIFIED).
enum class WithUnset { kNo, kYes };

/// The one mapping of an enum between the domain, the contract and the CLI. Every lookup returns
/// nullopt for a value the table does not hold, so an int from the wire is never cast into an
/// enum it does not belong to. `Proto` is any enum whose values are ints (protobuf's open enums
/// are); this header knows nothing of protobuf. Tables are built with MakeEnumTable and checked
/// with `static_assert(table.IsComplete())`.
template <class Domain, class Proto, std::size_t N>
class EnumTable final {
 public:
  using DomainType = Domain;
  using ProtoType = Proto;
  using Row = EnumRow<Domain, Proto>;

  constexpr explicit EnumTable(const std::array<Row, N>& rows) : rows_(rows) {}

  /// The contract's value for a domain value.
  [[nodiscard]] constexpr std::optional<Proto> ToProto(Domain value) const {
    for (const Row& row : rows_) {
      if (row.domain == value) {
        return row.proto;
      }
    }
    return std::nullopt;
  }

  /// The domain value for any int that arrived as the contract's enum; nullopt when no row holds
  /// it (out of range, or a contract value without a domain meaning such as UNSPECIFIED).
  [[nodiscard]] constexpr std::optional<Domain> FromProto(int value) const {
    for (const Row& row : rows_) {
      if (static_cast<int>(row.proto) == value) {
        return row.domain;
      }
    }
    return std::nullopt;
  }

  /// The CLI word for a domain value.
  [[nodiscard]] constexpr std::optional<std::string_view> ToWord(Domain value) const {
    for (const Row& row : rows_) {
      if (row.domain == value) {
        return row.word;
      }
    }
    return std::nullopt;
  }

  /// The domain value a CLI word names (exact match).
  [[nodiscard]] constexpr std::optional<Domain> FromWord(std::string_view word) const {
    for (const Row& row : rows_) {
      if (row.word == word) {
        return row.domain;
      }
    }
    return std::nullopt;
  }

  /// The contract's value a CLI word names: FromWord, then ToProto.
  [[nodiscard]] constexpr std::optional<Proto> ProtoOfWord(std::string_view word) const {
    for (const Row& row : rows_) {
      if (row.word == word) {
        return row.proto;
      }
    }
    return std::nullopt;
  }

  /// The words in row order, for a CLI option's accepted values and help text; without the
  /// UNSPECIFIED row unless asked for.
  [[nodiscard]] std::vector<std::string> Words(WithUnset unset = WithUnset::kNo) const {
    std::vector<std::string> words;
    for (const Row& row : rows_) {
      if (unset == WithUnset::kYes || static_cast<int>(row.proto) != 0) {
        words.emplace_back(row.word);
      }
    }
    return words;
  }

  /// Every row, in the order written.
  [[nodiscard]] constexpr std::span<const Row, N> rows() const { return rows_; }

  /// True when every domain value 0..N-1 appears exactly once (the domain enums count from 0
  /// without gaps), no contract value or word appears twice and no word is empty. A value added
  /// at the end of a domain enum is invisible here (N counts rows, not enumerators): the unit
  /// test of each table checks it against an exhaustive switch (tests/unit/enum_tables_test.cc).
  [[nodiscard]] constexpr bool IsComplete() const {
    for (std::size_t i = 0; i < N; ++i) {
      const int domain = static_cast<int>(rows_[i].domain);
      if (domain < 0 || domain >= static_cast<int>(N) || rows_[i].word.empty()) {
        return false;
      }
      for (std::size_t j = i + 1; j < N; ++j) {
        if (rows_[i].domain == rows_[j].domain ||
            static_cast<int>(rows_[i].proto) == static_cast<int>(rows_[j].proto) || rows_[i].word == rows_[j].word) {
          return false;
        }
      }
    }
    return true;
  }

 private:
  std::array<Row, N> rows_;
};

/// A table from its rows: `MakeEnumTable<domain::Gender, pb::Gender>({{kMale, GENDER_MALE, "male"}, …})`.
template <class Domain, class Proto, std::size_t N>
[[nodiscard]] constexpr EnumTable<Domain, Proto, N> MakeEnumTable(const EnumRow<Domain, Proto> (&rows)[N]) {
  return EnumTable<Domain, Proto, N>(std::to_array(rows));
}

}  // namespace careloop
