#pragma once

// One replication's result as bytes and back, for replications run by other
// processes of an MPI job: what summarise() reads arrives unchanged to the
// bit. The per-case records (cases.csv, replication 0) do not travel: they
// stay with the process that ran the replication.

#include <string>
#include <string_view>

#include "models/engine/replication_result.h"

namespace models {

std::string encode_replication(const ReplicationResult& r);
// Throws std::runtime_error on bytes that do not hold a whole result.
ReplicationResult decode_replication(std::string_view bytes);

}  // namespace models
