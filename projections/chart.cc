#include "projections/chart.h"

#include <algorithm>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "ledger/money.h"

namespace fij::projections {
namespace {

constexpr int kWidth = 1000, kHeight = 560;
constexpr double kLeft = 110, kRight = 30, kTop = 60, kBottom = 110;
constexpr double kColors[][3] = {{0.16, 0.32, 0.55}, {0.90, 0.55, 0.15}, {0.30, 0.60, 0.35},
                                 {0.60, 0.25, 0.45}};

void Text(cairo_t* cr, const std::string& s, double x, double y, int size, bool bold,
          double align = 0.0, double max_width = 0) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, "DejaVu Sans");
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, font);
  if (max_width > 0) {
    pango_layout_set_width(layout, static_cast<int>(max_width * PANGO_SCALE));
    pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
  }
  pango_layout_set_text(layout, s.c_str(), -1);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  double dx = max_width > 0 ? -max_width / 2 : -align * w;
  cairo_move_to(cr, x + dx, y);
  pango_cairo_show_layout(cr, layout);
  pango_font_description_free(font);
  g_object_unref(layout);
}

std::string Euros(int64_t cents) {
  std::string s = ledger::Money::FromCents(cents).ToFrench();
  auto comma = s.find(',');
  return comma == std::string::npos ? s : s.substr(0, comma) + " €";  // whole euros on the axis
}

}  // namespace

Status RenderBarChart(const std::string& title, const std::vector<std::string>& categories,
                      const std::vector<ChartSeries>& series, const std::string& path) {
  if (categories.empty() || series.empty()) return Status::InvalidArgument("nothing to chart");
  int64_t max_v = 1;
  for (const auto& s : series)
    for (int64_t v : s.values_cents) max_v = std::max(max_v, v);
  // A round top for the axis: 1, 2 or 5 x 10^n euros above the largest value.
  int64_t step = 100;
  while (step * 10 < max_v) step *= 10;
  int64_t top = step;
  for (int64_t m : {1, 2, 5, 10})
    if (step * m >= max_v) {
      top = step * m;
      break;
    }
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kWidth, kHeight);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  Text(cr, title, kWidth / 2.0, 15, 20, true, 0.5);
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  // Axis and grid: 5 lines.
  cairo_set_line_width(cr, 1);
  for (int i = 0; i <= 5; ++i) {
    double y = kTop + plot_h - plot_h * i / 5.0;
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_move_to(cr, kLeft, y);
    cairo_line_to(cr, kLeft + plot_w, y);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    Text(cr, Euros(top * i / 5), kLeft - 8, y - 8, 12, false, 1.0);
  }
  const double group_w = plot_w / categories.size();
  const double bar_w = std::min(60.0, group_w * 0.8 / series.size());
  for (size_t c = 0; c < categories.size(); ++c) {
    double group_x = kLeft + group_w * c + (group_w - bar_w * series.size()) / 2;
    for (size_t s = 0; s < series.size(); ++s) {
      int64_t v = c < series[s].values_cents.size() ? std::max<int64_t>(0, series[s].values_cents[c]) : 0;
      double h = plot_h * static_cast<double>(v) / static_cast<double>(top);
      const auto& col = kColors[s % 4];
      cairo_set_source_rgb(cr, col[0], col[1], col[2]);
      cairo_rectangle(cr, group_x + bar_w * s, kTop + plot_h - h, bar_w - 2, h);
      cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    Text(cr, categories[c], kLeft + group_w * c + group_w / 2, kTop + plot_h + 8, 12, false, 0.5,
         group_w - 6);
  }
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_move_to(cr, kLeft, kTop + plot_h);
  cairo_line_to(cr, kLeft + plot_w, kTop + plot_h);
  cairo_stroke(cr);
  // Legend.
  double lx = kLeft;
  for (size_t s = 0; s < series.size(); ++s) {
    const auto& col = kColors[s % 4];
    cairo_set_source_rgb(cr, col[0], col[1], col[2]);
    cairo_rectangle(cr, lx, kHeight - 35, 16, 16);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    Text(cr, series[s].name, lx + 22, kHeight - 36, 13, false);
    lx += 40 + 9.0 * series[s].name.size();
  }
  cairo_destroy(cr);
  cairo_status_t st = cairo_surface_write_to_png(surface, path.c_str());
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS)
    return Status::IOError("cannot write chart " + path + ": " + cairo_status_to_string(st));
  return Status::Ok();
}

}  // namespace fij::projections
