#include "ingest/field_parser.h"

#include <cassert>
#include <charconv>
#include <cmath>

#include "base/date.h"
#include "base/shown_text.h"

namespace probation {
namespace {

std::string Quoted(std::string_view raw) {
  constexpr size_t kMaxShown = 40;
  return "'" + ShownText(raw, kMaxShown) + "'";
}

std::string FormatBound(double v) {
  if (v == std::floor(v)) return std::to_string(static_cast<int64_t>(v));
  std::string s = std::to_string(v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    for (int k = 1; k <= extra; ++k) {
      if (i + k >= n) return false;
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

FieldParser::FieldParser(const FieldSpec& spec, bool key) : spec_(&spec), key_(key) {
  if (spec.type == FieldType::kCode) {
    codes_ = FindCodeList(spec.code_list);
    assert(codes_ != nullptr && "record type names an unknown code list");
  }
}

bool FieldParser::Parse(std::string_view raw, FieldValue* out, std::string* scratch,
                        std::string* reason) const {
  if (raw.empty()) {
    out->kind = FieldValue::Kind::kNull;
    if (spec_->required) {
      *reason = "a value is required";
      return false;
    }
    return true;
  }
  const bool bounded = spec_->min < spec_->max;
  const auto out_of_bounds = [&](double v) {
    if (bounded && (v < spec_->min || v > spec_->max)) {
      *reason = Quoted(raw) + " is outside the allowed range " + FormatBound(spec_->min) + " to " +
                FormatBound(spec_->max);
      return true;
    }
    return false;
  };
  switch (spec_->type) {
    case FieldType::kText:
      if (!IsValidUtf8(raw)) {
        *reason = "the text is not valid UTF-8";
        return false;
      }
      for (size_t at = FindControlCharacter(raw); at != std::string_view::npos;
           at = FindControlCharacter(raw, at + 1)) {
        const char c = raw[at];
        if (!key_ && (c == '\t' || c == '\n' || c == '\r')) continue;
        *reason = std::string(key_ ? "the key" : "the text") + " holds a control character (" +
                  ControlCharacterName(c) + ") at position " + std::to_string(at + 1) + ": " +
                  Quoted(raw);
        return false;
      }
      out->kind = FieldValue::Kind::kText;
      out->text = raw;
      return true;
    case FieldType::kInteger: {
      int64_t v = 0;
      const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
      if (ec != std::errc() || end != raw.data() + raw.size()) {
        *reason = Quoted(raw) + " is not a whole number";
        return false;
      }
      if (out_of_bounds(static_cast<double>(v))) return false;
      out->kind = FieldValue::Kind::kInteger;
      out->number = v;
      return true;
    }
    case FieldType::kDecimal: {
      double v = 0;
      const auto [end, ec] =
          std::from_chars(raw.data(), raw.data() + raw.size(), v, std::chars_format::fixed);
      if (ec != std::errc() || end != raw.data() + raw.size() || !std::isfinite(v)) {
        *reason = Quoted(raw) + " is not a number";
        return false;
      }
      if (out_of_bounds(v)) return false;
      out->kind = FieldValue::Kind::kDecimal;
      out->decimal = v;
      return true;
    }
    case FieldType::kDate: {
      Result<Date> d = Date::Parse(raw);
      if (!d.ok()) {
        *reason = d.status().message();
        return false;
      }
      out->kind = FieldValue::Kind::kText;
      out->text = raw;
      out->number = d->days();
      return true;
    }
    case FieldType::kDateTime: {
      Result<DateTime> t = DateTime::Parse(raw);
      if (!t.ok()) {
        *reason = t.status().message();
        return false;
      }
      *scratch = t->ToString();
      out->kind = FieldValue::Kind::kText;
      out->text = *scratch;
      out->number = t->minutes();
      return true;
    }
    case FieldType::kBool:
      if (raw != "Y" && raw != "N") {
        *reason = Quoted(raw) + " is not Y or N";
        return false;
      }
      out->kind = FieldValue::Kind::kInteger;
      out->number = raw == "Y" ? 1 : 0;
      return true;
    case FieldType::kCode:
      if (codes_->Find(raw) == nullptr) {
        *reason =
            Quoted(raw) + " is not in the " + std::string(codes_->id) + " code list (allowed: ";
        for (size_t i = 0; i < codes_->codes.size(); ++i) {
          if (i > 0) *reason += ", ";
          *reason += std::string(codes_->codes[i].code);
        }
        *reason += ")";
        return false;
      }
      out->kind = FieldValue::Kind::kText;
      out->text = raw;
      return true;
  }
  return false;
}

}  // namespace probation
