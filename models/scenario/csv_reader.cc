#include "models/scenario/csv_reader.h"

namespace models {

std::vector<CsvRecord> read_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<CsvRecord> records;
  CsvRecord r{1, {}};
  std::string field;
  // `any`: the record has a quote or a comma, so it is a record even if
  // every field is empty or blank.
  bool quoted = false, any = false;
  std::size_t line = 1;
  auto end_record = [&] {
    const bool blank = field.find_first_not_of(" \t") == std::string::npos;
    if (any || !blank) {
      r.fields.push_back(std::move(field));
      records.push_back(std::move(r));
    }
    r = CsvRecord{line, {}};
    field.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      r.fields.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n') {
      ++line;
      end_record();
    } else if (c != '\r') {
      field += c;
    }
  }
  end_record();
  return records;
}

}  // namespace models
