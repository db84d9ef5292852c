// Grouped bar charts as PNG (cairo + pango), for `report budget|loans --chart FILE.png`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/status.h"

namespace fij::projections {

struct ChartSeries {
  std::string name;
  std::vector<int64_t> values_cents;  // one per category; negative values drawn as zero
};

// Draws `series` side by side for each category, with a labelled euro axis and a legend.
Status RenderBarChart(const std::string& title, const std::vector<std::string>& categories,
                      const std::vector<ChartSeries>& series, const std::string& path);

}  // namespace fij::projections
