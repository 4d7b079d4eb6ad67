// Code lists: the closed vocabularies of the case record (sentence types, contact outcomes,
// Census 2001 ethnicity, ROSH levels, ...), each code with its readable name.
//
// One explicit table (code_lists.cc) holds them all; an unknown code in input is an error,
// never a silent default. Immutable static data; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace probation {

struct Code {
  std::string_view code;
  std::string_view name;
};

struct CodeList {
  std::string_view id;           // e.g. "ethnicity"
  std::string_view description;  // what the list classifies
  std::span<const Code> codes;

  // The entry for `code`, or nullptr. Case-sensitive.
  const Code* Find(std::string_view code) const;
};

// Every code list, in a fixed order.
std::span<const CodeList> AllCodeLists();

// The list with `id`, or nullptr.
const CodeList* FindCodeList(std::string_view id);

}  // namespace probation
