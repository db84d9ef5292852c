// Page layout (A4 portrait, points), top to bottom; blocks flow onto a new page when full:
//
//   header     := [Cerfa n° box] title                    | Numéro d'ordre du reçu: number
//                                                           | (Remplace le reçu n° X, annulé)
//   banner     := ANNULÉ  Reçu annulé le <date> : <reason>   (cancelled only)
//   section*   := title bar, then rows "label : value" (value wrapped in the right column)
//                 Bénéficiaire des versements, Donateur, Dons et versements reçus,
//                 Forme, nature et mode de versement, [Description des biens ou services]
//   signature  := date d'émission, signataire, qualité  | signature box
//   footer     := Reçu n° X · Cerfa n° Y · fund              Page n/N   (every page)
//   stamp      := diagonal translucent "ANNULÉ"                          (every page, cancelled)
//
// The document is laid out twice: once into a discarding PDF stream to count pages, then into
// the file, so the footer can say "Page n/N". Both passes use the same surface type and font
// options, so they break pages at the same lines.
#include "ledger/receipt_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>

#include "ledger/date.h"

namespace fij::ledger {
namespace {

// Geometry, in PDF points (1/72 inch).
constexpr double kPageWidthPt = 595.276;  // A4: 210 mm
constexpr double kPageHeightPt = 841.89;  // 297 mm
constexpr double kMarginSidePt = 42.52;   // 15 mm
constexpr double kMarginTopPt = 36.0;
constexpr double kMarginBottomPt = 28.0;
constexpr double kFooterHeightPt = 20.0;
constexpr double kContentLeftPt = kMarginSidePt;
constexpr double kContentWidthPt = kPageWidthPt - 2 * kMarginSidePt;
constexpr double kContentBottomPt = kPageHeightPt - kMarginBottomPt - kFooterHeightPt;
constexpr double kPaddingPt = 6.0;       // inside section boxes
constexpr double kLabelWidthPt = 150.0;  // the label column of a section row
constexpr double kColumnGapPt = 8.0;
constexpr double kValueLeftPt = kContentLeftPt + kPaddingPt + kLabelWidthPt + kColumnGapPt;
constexpr double kValueWidthPt = kContentLeftPt + kContentWidthPt - kPaddingPt - kValueLeftPt;
constexpr double kSectionBarPt = 16.0;
constexpr double kSectionGapPt = 8.0;
constexpr double kRowGapPt = 2.5;
constexpr double kNumberBoxWidthPt = 158.0;
constexpr double kSignatureBoxWidthPt = 200.0;
constexpr double kSignatureBoxHeightPt = 62.0;
constexpr double kRulePt = 0.6;
static_assert(kValueWidthPt >= kContentWidthPt / 2, "the value column is the wide one");
static_assert(kContentBottomPt - kMarginTopPt > 10 * kSignatureBoxHeightPt,
              "a page holds many unbreakable blocks");

// Input limits. A receipt fits on one page; these bound how far a pathological one can run.
constexpr size_t kFieldBytesMax = 16 * 1024;
constexpr size_t kGiftIdsMax = 1000;
constexpr int kPagesMax = 100;
// Pango measures in int units of 1/1024 pt: a field that is all newlines (lines under 20 pt)
// must stay measurable.
static_assert(kFieldBytesMax * 20 * PANGO_SCALE < INT32_MAX, "a field's layout fits in an int");

constexpr const char* kFontFamily = "DejaVu Sans";
constexpr const char* kNbsp = "\xC2\xA0";         // U+00A0: "10 000,00 €" never wraps
constexpr const char* kBallotX = "\xE2\x98\x92";  // U+2612 ☒, the ticked category box

struct Font {
  double size_pt;
  PangoWeight weight = PANGO_WEIGHT_NORMAL;
  PangoStyle style = PANGO_STYLE_NORMAL;
};
constexpr Font kBodyFont{9.0};
constexpr Font kLabelFont{8.5, PANGO_WEIGHT_BOLD};
constexpr Font kSmallFont{7.5};
constexpr Font kSmallItalicFont{8.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC};
constexpr Font kCerfaFont{8.0, PANGO_WEIGHT_BOLD};
constexpr Font kTitleFont{11.5, PANGO_WEIGHT_BOLD};
constexpr Font kSectionFont{9.5, PANGO_WEIGHT_BOLD};
constexpr Font kNumberFont{15.0, PANGO_WEIGHT_BOLD};
constexpr Font kAmountFont{17.0, PANGO_WEIGHT_BOLD};
constexpr Font kBannerFont{24.0, PANGO_WEIGHT_BOLD};
constexpr Font kStampFont{120.0, PANGO_WEIGHT_BOLD};

struct Color {
  double r, g, b;
};
constexpr Color kInk{0.08, 0.09, 0.11};
constexpr Color kMuted{0.30, 0.32, 0.36};
constexpr Color kRule{0.40, 0.42, 0.46};
constexpr Color kBar{0.16, 0.24, 0.38};  // section title bars, white text
constexpr Color kWhite{1.0, 1.0, 1.0};
constexpr Color kTint{0.94, 0.95, 0.97};  // the amount frame
constexpr Color kCancelRed{0.76, 0.07, 0.07};
constexpr double kStampAlpha = 0.16;

struct CairoSurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct GObjectDeleter {
  void operator()(void* o) const { g_object_unref(o); }
};
struct FontDescriptionDeleter {
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectDeleter>;
using FontMapPtr = std::unique_ptr<PangoFontMap, GObjectDeleter>;
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionDeleter>;

double ToPt(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }
int ToPango(double pt) { return static_cast<int>(std::lround(pt * PANGO_SCALE)); }

// Text for pango markup: user data never becomes markup.
std::string Esc(std::string_view s) {
  gchar* e = g_markup_escape_text(s.data(), static_cast<gssize>(s.size()));
  std::string out(e);
  g_free(e);
  return out;
}

// "1 234 567,89 €" (no-break spaces), integer arithmetic only; magnitude in uint64 so that
// INT64_MIN formats too.
std::string FormatEuros(int64_t cents) {
  const uint64_t magnitude =
      cents < 0 ? 0 - static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
  const std::string units = std::to_string(magnitude / 100);
  std::string out = cents < 0 ? "-" : "";
  for (size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && (units.size() - i) % 3 == 0) out += kNbsp;
    out += units[i];
  }
  const uint64_t fraction = magnitude % 100;
  out += ',';
  out += static_cast<char>('0' + fraction / 10);
  out += static_cast<char>('0' + fraction % 10);
  out += kNbsp;
  out += "\xE2\x82\xAC";  // €
  return out;
}

// What the form prints, by Cerfa model.
struct FormText {
  const char* cerfa;
  const char* title;
};
FormText TextOf(ReceiptForm form) {
  switch (form) {
    case ReceiptForm::kCerfa11580:
      return {"Cerfa n° 11580*05",
              "Reçu des dons et versements effectués par les particuliers au titre des articles "
              "200 et 978 du code général des impôts"};
    case ReceiptForm::kCerfa16216:
      return {"Cerfa n° 16216*02",
              "Reçu des dons et versements effectués par les entreprises au titre de l'article "
              "238 bis du code général des impôts"};
  }
  FIJ_CHECK(false) << "unknown ReceiptForm " << static_cast<int>(form);
  return {};
}

// Everything printed, validated and formatted before any drawing starts.
struct Document {
  const ReceiptIssued* receipt = nullptr;
  FormText form;
  std::string amount;      // "***10 000,00 €***"
  std::string date_label;  // "Date du versement" or "Période"
  std::string date_value;  // "15 mars 2024" or "du 1er janvier 2024 au 31 décembre 2024"
  std::string issued_on;   // "15 janvier 2025"
  std::string gift_ids;    // "g-1, g-2", empty for a single gift
  bool cancelled = false;
  std::string cancelled_on;  // "3 février 2025"
  std::string cancel_reason;
  std::string create_date;  // PDF metadata, ISO 8601
};

Status Invalid(const ReceiptIssued& r, const std::string& what) {
  return Status::InvalidArgument("receipt " + r.number + ": " + what);
}

Status CheckText(const ReceiptIssued& r, const char* field, const std::string& value) {
  if (value.size() > kFieldBytesMax) {
    return Invalid(r, std::string(field) + " is " + std::to_string(value.size()) +
                          " bytes, above the limit of " + std::to_string(kFieldBytesMax));
  }
  if (!g_utf8_validate(value.data(), static_cast<gssize>(value.size()), nullptr)) {
    return Invalid(r, std::string(field) + " is not valid UTF-8");
  }
  return Status::Ok();
}

Result<Date> CheckDate(const ReceiptIssued& r, const char* field, uint32_t ymd) {
  std::optional<Date> d = Date::FromYmd(ymd);
  if (!d) return Err(Invalid(r, std::string(field) + " " + std::to_string(ymd) + " is not a date"));
  return *d;
}

Result<Document> Prepare(const ReceiptIssued& r, const ReceiptCancelled* cancelled) {
  const std::pair<const char*, const std::string*> texts[] = {
      {"number", &r.number},
      {"amount_words", &r.amount_words},
      {"fund_name", &r.fund_name},
      {"fund_address", &r.fund_address},
      {"fund_object", &r.fund_object},
      {"fund_siren", &r.fund_siren},
      {"fund_category", &r.fund_category},
      {"agrement_ref", &r.agrement_ref},
      {"donor_name", &r.donor_name},
      {"donor_address", &r.donor_address},
      {"donor_siren", &r.donor_siren},
      {"donor_legal_form", &r.donor_legal_form},
      {"forme_du_don", &r.forme_du_don},
      {"nature_du_don", &r.nature_du_don},
      {"mode_de_versement", &r.mode_de_versement},
      {"in_kind_description", &r.in_kind_description},
      {"signer_name", &r.signer_name},
      {"signer_capacity", &r.signer_capacity},
      {"certification", &r.certification},
      {"replaces", &r.replaces},
  };
  for (const auto& [field, value] : texts) FIJ_RETURN_IF_ERROR(CheckText(r, field, *value));
  if (r.number.empty()) return Err(Status::InvalidArgument("receipt without a number"));
  if (r.gift_ids.size() > kGiftIdsMax) {
    return Err(Invalid(r, std::to_string(r.gift_ids.size()) + " gift ids, above the limit of " +
                              std::to_string(kGiftIdsMax)));
  }

  Document doc;
  doc.receipt = &r;
  doc.form = TextOf(r.form);
  doc.amount = "***" + FormatEuros(r.amount_cents) + "***";

  FIJ_ASSIGN_OR_RETURN(const Date issued_on, CheckDate(r, "issued_on", r.issued_on));
  FIJ_ASSIGN_OR_RETURN(const Date from, CheckDate(r, "period_from", r.period_from));
  const uint32_t to_ymd = r.period_to == 0 ? r.period_from : r.period_to;
  FIJ_ASSIGN_OR_RETURN(const Date to, CheckDate(r, "period_to", to_ymd));
  if (to < from) return Err(Invalid(r, "period ends before it starts"));
  doc.issued_on = issued_on.ToFrench();
  if (from == to) {
    doc.date_label = "Date du versement";
    doc.date_value = from.ToFrench();
  } else {
    doc.date_label = "Période";
    doc.date_value = "du " + from.ToFrench() + " au " + to.ToFrench();
  }

  if (r.gift_ids.size() > 1) {
    for (const std::string& id : r.gift_ids) {
      FIJ_RETURN_IF_ERROR(CheckText(r, "gift_ids", id));
      if (!doc.gift_ids.empty()) doc.gift_ids += ", ";
      doc.gift_ids += id;
    }
    FIJ_RETURN_IF_ERROR(CheckText(r, "gift_ids", doc.gift_ids));
  }

  Date stamp_date = issued_on;
  if (cancelled != nullptr) {
    if (cancelled->number != r.number) {
      return Err(Invalid(r, "the cancellation given is of receipt " + cancelled->number));
    }
    FIJ_RETURN_IF_ERROR(CheckText(r, "cancellation reason", cancelled->reason));
    FIJ_ASSIGN_OR_RETURN(const Date on, CheckDate(r, "cancellation date", cancelled->date));
    doc.cancelled = true;
    doc.cancelled_on = on.ToFrench();
    doc.cancel_reason = cancelled->reason;
    stamp_date = on;
  }
  doc.create_date = stamp_date.ToIso() + "T00:00:00";
  return doc;
}

// Draws onto consecutive A4 pages with a cursor `y`: sections whose rows flow line by line,
// unbreakable blocks, and per-page decoration (footer, cancellation stamp).
class Canvas {
 public:
  Canvas(cairo_t* cr, PangoFontMap* font_map, const Document& doc, int pages_total)
      : cr_(cr),
        doc_(doc),
        pages_total_(pages_total),
        context_(pango_font_map_create_context(font_map)) {
    pango_cairo_update_context(cr, context_.get());
    // Unhinted metrics: layout in points, independent of any device resolution, so that both
    // passes (and any viewer) agree on where lines break.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context_.get(), options);
    cairo_font_options_destroy(options);
    pango_context_set_language(context_.get(), pango_language_from_string("fr-FR"));
  }

  double y() const { return y_; }
  int page() const { return page_; }

  LayoutPtr Layout(const std::string& markup, const Font& font, double width_pt,
                   PangoAlignment align = PANGO_ALIGN_LEFT, double hanging_indent_pt = 0) const {
    LayoutPtr layout(pango_layout_new(context_.get()));
    FontDescriptionPtr desc(pango_font_description_new());
    pango_font_description_set_family(desc.get(), kFontFamily);
    pango_font_description_set_absolute_size(desc.get(), font.size_pt * PANGO_SCALE);
    pango_font_description_set_weight(desc.get(), font.weight);
    pango_font_description_set_style(desc.get(), font.style);
    pango_layout_set_font_description(layout.get(), desc.get());
    if (width_pt > 0) {
      pango_layout_set_width(layout.get(), ToPango(width_pt));
      pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(layout.get(), align);
    if (hanging_indent_pt > 0) pango_layout_set_indent(layout.get(), -ToPango(hanging_indent_pt));
    pango_layout_set_markup(layout.get(), markup.c_str(), -1);
    return layout;
  }

  static double Width(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return ToPt(logical.x + logical.width);
  }
  static double Height(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return ToPt(logical.height);
  }

  void SetColor(Color c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }

  // The whole layout with its top-left corner at (x, y); no page breaking.
  void Draw(PangoLayout* layout, double x, double y, Color c) {
    SetColor(c);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout);
  }

  void StrokeRect(double x, double y, double w, double h, Color c, double line_pt) {
    SetColor(c);
    cairo_set_line_width(cr_, line_pt);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_stroke(cr_);
  }
  void FillRect(double x, double y, double w, double h, Color c) {
    SetColor(c);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_fill(cr_);
  }
  void HorizontalRule(double x0, double x1, double y, Color c, double line_pt) {
    SetColor(c);
    cairo_set_line_width(cr_, line_pt);
    cairo_move_to(cr_, x0, y);
    cairo_line_to(cr_, x1, y);
    cairo_stroke(cr_);
  }

  // Starts a new page unless `height_pt` more fits above the footer (and a section's padding).
  void EnsureRoom(double height_pt) {
    const double bottom = kContentBottomPt - (section_open_ ? kPaddingPt : 0);
    if (y_ + height_pt > bottom && y_ > first_y_on_page_) BreakPage();
  }

  void Advance(double height_pt) { y_ += height_pt; }

  // A boxed section with a title bar. Kept with at least its first rows.
  void BeginSection(const std::string& title) {
    FIJ_CHECK(!section_open_) << "sections do not nest: " << title;
    EnsureRoom(kSectionBarPt + 40);
    section_title_ = title;
    section_open_ = true;
    DrawSectionBar(title);
  }

  void EndSection() {
    FIJ_CHECK(section_open_);
    y_ += kPaddingPt - kRowGapPt;
    CloseSectionBox();
    section_open_ = false;
    y_ += kSectionGapPt;
  }

  // "label : value", the value wrapping in the right column and flowing across pages line by
  // line. `value_markup` is markup: escape user data.
  void Row(const std::string& label, const std::string& value_markup,
           double hanging_indent_pt = 0) {
    FIJ_CHECK(section_open_);
    LayoutPtr label_layout =
        Layout(Esc(label) + kNbsp + ":", kLabelFont, kLabelWidthPt, PANGO_ALIGN_LEFT);
    LayoutPtr value_layout =
        Layout(value_markup, kBodyFont, kValueWidthPt, PANGO_ALIGN_LEFT, hanging_indent_pt);
    const double label_h = Height(label_layout.get());
    EnsureRoom(std::max(label_h, FirstLineHeight(value_layout.get())));
    const int page = page_;
    const double top = y_;
    // Align the label's baseline with the value's first baseline.
    const double shift = ToPt(pango_layout_get_baseline(value_layout.get()) -
                              pango_layout_get_baseline(label_layout.get()));
    Draw(label_layout.get(), kContentLeftPt + kPaddingPt, top + shift, kMuted);
    Flow(value_layout.get(), kValueLeftPt, kInk);
    if (page_ == page) y_ = std::max(y_, top + shift + label_h);
    y_ += kRowGapPt;
  }

  // A full-width paragraph inside a section, flowing across pages.
  void Paragraph(const std::string& markup, const Font& font, Color c,
                 PangoAlignment align = PANGO_ALIGN_LEFT) {
    FIJ_CHECK(section_open_);
    LayoutPtr layout = Layout(markup, font, kContentWidthPt - 2 * kPaddingPt, align);
    Flow(layout.get(), kContentLeftPt + kPaddingPt, c);
    y_ += kRowGapPt;
  }

  // Closes the last page: its footer and stamp.
  void Finish() { DecoratePage(); }

 private:
  static double FirstLineHeight(PangoLayout* layout) {
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    pango_layout_iter_free(it);
    return ToPt(logical.height);
  }

  // Draws `layout` line by line from the cursor, breaking pages between lines.
  void Flow(PangoLayout* layout, double x, Color c) {
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double line_h = ToPt(logical.height);
      EnsureRoom(line_h);
      const double baseline = ToPt(pango_layout_iter_get_baseline(it) - logical.y);
      SetColor(c);
      cairo_move_to(cr_, x + ToPt(logical.x), y_ + baseline);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      y_ += line_h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }

  void DrawSectionBar(const std::string& title) {
    section_top_ = y_;
    FillRect(kContentLeftPt, y_, kContentWidthPt, kSectionBarPt, kBar);
    LayoutPtr layout = Layout(Esc(title), kSectionFont, kContentWidthPt - 2 * kPaddingPt);
    Draw(layout.get(), kContentLeftPt + kPaddingPt, y_ + (kSectionBarPt - Height(layout.get())) / 2,
         kWhite);
    y_ += kSectionBarPt + kPaddingPt;
  }

  void CloseSectionBox() {
    StrokeRect(kContentLeftPt, section_top_, kContentWidthPt, y_ - section_top_, kRule, kRulePt);
  }

  void BreakPage() {
    if (section_open_) {
      y_ += kPaddingPt - kRowGapPt;
      CloseSectionBox();
    }
    DecoratePage();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMarginTopPt;
    first_y_on_page_ = y_;
    if (section_open_) {
      DrawSectionBar(section_title_ + " (suite)");
      first_y_on_page_ = y_;
    }
  }

  void DecoratePage() {
    const double footer_top = kPageHeightPt - kMarginBottomPt - kFooterHeightPt + 6;
    HorizontalRule(kContentLeftPt, kContentLeftPt + kContentWidthPt, footer_top, kRule, kRulePt);
    const ReceiptIssued& r = *doc_.receipt;
    LayoutPtr left =
        Layout(Esc("Reçu n° " + r.number + " · " + doc_.form.cerfa + " · " + r.fund_name),
               kSmallFont, kContentWidthPt * 0.75);
    pango_layout_set_ellipsize(left.get(), PANGO_ELLIPSIZE_END);
    Draw(left.get(), kContentLeftPt, footer_top + 3, kMuted);
    std::string page_text = "Page " + std::to_string(page_);
    if (pages_total_ > 0) page_text += "/" + std::to_string(pages_total_);
    LayoutPtr right = Layout(Esc(page_text), kSmallFont, 0);
    Draw(right.get(), kContentLeftPt + kContentWidthPt - Width(right.get()), footer_top + 3,
         kMuted);
    if (doc_.cancelled) DrawStamp();
  }

  // A translucent "ANNULÉ" across the page diagonal, over the content. Drawn as outlines, not
  // text, so that text extraction (copy, search, pdftotext) reads the receipt undisturbed; the
  // banner carries the word as text.
  void DrawStamp() {
    cairo_save(cr_);
    cairo_translate(cr_, kPageWidthPt / 2, kPageHeightPt / 2);
    cairo_rotate(cr_, -std::atan2(kPageHeightPt, kPageWidthPt));
    // Outlines are transformed by the rotation; unhinted metrics make the layout's unrotated
    // measures valid.
    LayoutPtr layout = Layout("ANNULÉ", kStampFont, 0);
    cairo_set_source_rgba(cr_, kCancelRed.r, kCancelRed.g, kCancelRed.b, kStampAlpha);
    cairo_move_to(cr_, -Width(layout.get()) / 2, -Height(layout.get()) / 2);
    pango_cairo_layout_path(cr_, layout.get());
    cairo_fill(cr_);
    cairo_restore(cr_);
  }

  cairo_t* cr_;
  const Document& doc_;
  const int pages_total_;  // 0 while counting
  ContextPtr context_;
  int page_ = 1;
  double y_ = kMarginTopPt;
  double first_y_on_page_ = kMarginTopPt;
  bool section_open_ = false;
  std::string section_title_;
  double section_top_ = 0;
};

void DrawHeader(Canvas& c, const Document& doc) {
  const ReceiptIssued& r = *doc.receipt;
  const double top = c.y();
  const double left_width = kContentWidthPt - kNumberBoxWidthPt - 14;

  // Left: the Cerfa tag in a small frame, then the form's title.
  LayoutPtr cerfa = c.Layout(Esc(doc.form.cerfa), kCerfaFont, 0);
  const double cerfa_w = Canvas::Width(cerfa.get()) + 8;
  const double cerfa_h = Canvas::Height(cerfa.get()) + 4;
  c.StrokeRect(kContentLeftPt, top, cerfa_w, cerfa_h, kInk, 0.9);
  c.Draw(cerfa.get(), kContentLeftPt + 4, top + 2, kInk);
  LayoutPtr title = c.Layout(Esc(doc.form.title), kTitleFont, left_width);
  const double title_top = top + cerfa_h + 7;
  c.Draw(title.get(), kContentLeftPt, title_top, kInk);
  const double left_bottom = title_top + Canvas::Height(title.get());

  // Right: the receipt's number in a framed box.
  const double box_x = kContentLeftPt + kContentWidthPt - kNumberBoxWidthPt;
  const double inner_w = kNumberBoxWidthPt - 2 * kPaddingPt;
  LayoutPtr label = c.Layout("Numéro d'ordre du reçu", kLabelFont, inner_w, PANGO_ALIGN_CENTER);
  LayoutPtr number = c.Layout(Esc(r.number), kNumberFont, inner_w, PANGO_ALIGN_CENTER);
  double box_h = kPaddingPt + Canvas::Height(label.get()) + 3 + Canvas::Height(number.get());
  LayoutPtr replaces;
  if (!r.replaces.empty()) {
    replaces = c.Layout(Esc("Remplace le reçu n° " + r.replaces + ", annulé"), kSmallItalicFont,
                        inner_w, PANGO_ALIGN_CENTER);
    box_h += 3 + Canvas::Height(replaces.get());
  }
  box_h += kPaddingPt;
  c.StrokeRect(box_x, top, kNumberBoxWidthPt, box_h, kInk, 1.2);
  double y = top + kPaddingPt;
  c.Draw(label.get(), box_x + kPaddingPt, y, kMuted);
  y += Canvas::Height(label.get()) + 3;
  c.Draw(number.get(), box_x + kPaddingPt, y, kInk);
  y += Canvas::Height(number.get()) + 3;
  if (replaces) c.Draw(replaces.get(), box_x + kPaddingPt, y, kInk);

  const double bottom = std::max(left_bottom, top + box_h) + 8;
  c.HorizontalRule(kContentLeftPt, kContentLeftPt + kContentWidthPt, bottom, kInk, 1.2);
  c.Advance(bottom - top + 10);
}

void DrawCancellationBanner(Canvas& c, const Document& doc) {
  LayoutPtr word = c.Layout("ANNULÉ", kBannerFont, 0);
  const double word_w = Canvas::Width(word.get());
  const double text_w = kContentWidthPt - 3 * 10 - word_w;
  LayoutPtr text = c.Layout(
      "<b>" + Esc("Reçu annulé le " + doc.cancelled_on + " : " + doc.cancel_reason) + "</b>\n" +
          Esc("Ce reçu reste inscrit au registre sous son numéro, qui ne sera pas "
              "réutilisé ; il ne peut plus justifier une réduction d'impôt."),
      kBodyFont, text_w);
  const double h = std::max(Canvas::Height(word.get()), Canvas::Height(text.get())) + 2 * 8;
  c.EnsureRoom(h);
  const double top = c.y();
  c.StrokeRect(kContentLeftPt, top, kContentWidthPt, h, kCancelRed, 2.0);
  c.Draw(word.get(), kContentLeftPt + 10, top + (h - Canvas::Height(word.get())) / 2, kCancelRed);
  c.Draw(text.get(), kContentLeftPt + 20 + word_w, top + (h - Canvas::Height(text.get())) / 2,
         kCancelRed);
  c.Advance(h + kSectionGapPt);
}

void DrawBeneficiary(Canvas& c, const ReceiptIssued& r) {
  c.BeginSection("Bénéficiaire des versements");
  c.Row("Nom ou dénomination", "<b>" + Esc(r.fund_name) + "</b>");
  c.Row("Adresse", Esc(r.fund_address));
  c.Row("Objet", Esc(r.fund_object));
  c.Row("SIREN ou RNA", Esc(r.fund_siren));
  // The ticked box: only the category that applies is printed (DOMAIN-LAW.md §3.1).
  LayoutPtr box = c.Layout(std::string(kBallotX) + " ", kBodyFont, 0);
  c.Row("Catégorie", std::string(kBallotX) + " " + Esc(r.fund_category), Canvas::Width(box.get()));
  if (!r.agrement_ref.empty()) c.Row("Référence de l'agrément", Esc(r.agrement_ref));
  c.EndSection();
}

void DrawDonor(Canvas& c, const ReceiptIssued& r) {
  switch (r.donor_kind) {
    case PartnerKind::kCompany:
      c.BeginSection("Donateur (entreprise)");
      c.Row("Dénomination", "<b>" + Esc(r.donor_name) + "</b>");
      c.Row("Forme juridique", Esc(r.donor_legal_form));
      c.Row("SIREN", Esc(r.donor_siren));
      c.Row("Adresse", Esc(r.donor_address));
      break;
    case PartnerKind::kIndividual:
      c.BeginSection("Donateur");
      c.Row("Nom et prénoms", "<b>" + Esc(r.donor_name) + "</b>");
      c.Row("Adresse", Esc(r.donor_address));
      break;
  }
  c.EndSection();
}

void DrawAmount(Canvas& c, const Document& doc) {
  const ReceiptIssued& r = *doc.receipt;
  c.BeginSection("Dons et versements reçus");
  c.Paragraph(Esc(r.in_kind_description.empty()
                      ? "Le bénéficiaire reconnaît avoir reçu, au titre des dons et versements "
                        "ouvrant droit à réduction d'impôt, la somme de :"
                      : "Le bénéficiaire reconnaît avoir reçu, au titre des dons et versements "
                        "ouvrant droit à réduction d'impôt, des dons en nature d'une valeur, "
                        "établie par le donateur, de :"),
              kBodyFont, kInk);

  // The amount in figures, framed by asterisks and a tinted box.
  LayoutPtr amount = c.Layout(Esc(doc.amount), kAmountFont, 0);
  const double box_h = Canvas::Height(amount.get()) + 10;
  const double box_w = std::max(220.0, Canvas::Width(amount.get()) + 40);
  c.EnsureRoom(box_h + 4);
  const double box_x = kContentLeftPt + (kContentWidthPt - box_w) / 2;
  c.Advance(2);
  c.FillRect(box_x, c.y(), box_w, box_h, kTint);
  c.StrokeRect(box_x, c.y(), box_w, box_h, kInk, 0.9);
  c.Draw(amount.get(), box_x + (box_w - Canvas::Width(amount.get())) / 2, c.y() + 5, kInk);
  c.Advance(box_h + 6);

  if (!r.amount_words.empty())
    c.Row("Somme en toutes lettres", "<i>" + Esc(r.amount_words) + "</i>");
  c.Row(doc.date_label, Esc(doc.date_value));
  if (!doc.gift_ids.empty()) {
    c.Row("Versements concernés (" + std::to_string(r.gift_ids.size()) + ")", Esc(doc.gift_ids));
  }
  c.Advance(3);
  c.Paragraph("<b>" + Esc(r.certification) + "</b>", kBodyFont, kInk);
  c.EndSection();

  c.BeginSection("Forme, nature et mode de versement du don");
  c.Row("Forme du don", Esc(r.forme_du_don));
  c.Row("Nature du don", Esc(r.nature_du_don));
  c.Row("Mode de versement", Esc(r.mode_de_versement));
  c.EndSection();

  if (!r.in_kind_description.empty()) {
    c.BeginSection("Description des biens ou services");
    c.Paragraph(Esc(r.in_kind_description), kBodyFont, kInk);
    c.EndSection();
  }
}

// Date, signer and a signature box: kept together on one page.
void DrawSignature(Canvas& c, const Document& doc) {
  const ReceiptIssued& r = *doc.receipt;
  const double left_w = kContentWidthPt - kSignatureBoxWidthPt - 16;
  LayoutPtr text = c.Layout(
      "<b>" + Esc("Date d'émission du reçu") + kNbsp + ":</b> " + Esc(doc.issued_on) + "\n<b>" +
          Esc("Signataire") + kNbsp + ":</b> " + Esc(r.signer_name) + "\n<b>" + Esc("Qualité") +
          kNbsp + ":</b> " + Esc(r.signer_capacity) + "\n\n" +
          "<span size=\"small\" foreground=\"#4d5259\">" +
          Esc("Signature du président, du trésorier ou de la personne habilitée à recevoir les "
              "dons.") +
          "</span>",
      kBodyFont, left_w);
  const double h = std::max(Canvas::Height(text.get()), kSignatureBoxHeightPt);
  c.EnsureRoom(h);
  const double top = c.y();
  c.Draw(text.get(), kContentLeftPt, top, kInk);

  const double box_x = kContentLeftPt + kContentWidthPt - kSignatureBoxWidthPt;
  c.StrokeRect(box_x, top, kSignatureBoxWidthPt, kSignatureBoxHeightPt, kRule, kRulePt);
  LayoutPtr caption = c.Layout("Signature", kSmallFont, 0);
  c.Draw(caption.get(), box_x + 5, top + 4, kMuted);
  const double line_y = top + kSignatureBoxHeightPt - 16;
  c.HorizontalRule(box_x + 12, box_x + kSignatureBoxWidthPt - 12, line_y, kRule, 0.5);
  LayoutPtr signer = c.Layout(Esc(r.signer_name + ", " + r.signer_capacity), kSmallFont,
                              kSignatureBoxWidthPt - 24, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize(signer.get(), PANGO_ELLIPSIZE_END);
  c.Draw(signer.get(), box_x + 12, line_y + 3, kMuted);
  c.Advance(h);
}

// Lays the whole receipt out onto `cr`'s surface; returns the number of pages.
int Render(cairo_t* cr, PangoFontMap* font_map, const Document& doc, int pages_total) {
  Canvas c(cr, font_map, doc, pages_total);
  const ReceiptIssued& r = *doc.receipt;
  DrawHeader(c, doc);
  if (doc.cancelled) DrawCancellationBanner(c, doc);
  DrawBeneficiary(c, r);
  DrawDonor(c, r);
  DrawAmount(c, doc);
  DrawSignature(c, doc);
  c.Finish();
  return c.page();
}

cairo_status_t DiscardBytes(void*, const unsigned char*, unsigned int) {
  return CAIRO_STATUS_SUCCESS;
}

cairo_status_t WriteBytes(void* closure, const unsigned char* data, unsigned int length) {
  FILE* f = static_cast<FILE*>(closure);
  return std::fwrite(data, 1, length, f) == length ? CAIRO_STATUS_SUCCESS
                                                   : CAIRO_STATUS_WRITE_ERROR;
}

void SetMetadata(cairo_surface_t* surface, const Document& doc) {
  const ReceiptIssued& r = *doc.receipt;
  const std::string title = "Reçu fiscal n° " + r.number + (doc.cancelled ? " (ANNULÉ)" : "");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, r.fund_name.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, doc.form.cerfa);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "fij");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, doc.create_date.c_str());
}

// Runs one layout pass into a PDF stream; fills `pages`.
Status RenderPass(PangoFontMap* font_map, const Document& doc, cairo_write_func_t write,
                  void* closure, int pages_total, int* pages, const std::string& path) {
  SurfacePtr surface(
      cairo_pdf_surface_create_for_stream(write, closure, kPageWidthPt, kPageHeightPt));
  auto cairo_error = [&path](cairo_status_t s) {
    return Status::IOError("cannot render receipt PDF " + path + ": " + cairo_status_to_string(s));
  };
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return cairo_error(cairo_surface_status(surface.get()));
  }
  SetMetadata(surface.get(), doc);
  {
    CairoPtr cr(cairo_create(surface.get()));
    *pages = Render(cr.get(), font_map, doc, pages_total);
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return cairo_error(cairo_status(cr.get()));
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return cairo_error(cairo_surface_status(surface.get()));
  }
  return Status::Ok();
}

Status ErrnoError(const std::string& what, const std::string& path) {
  return Status::IOError(what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

fij::Status RenderReceiptPdf(const ReceiptIssued& receipt, const ReceiptCancelled* cancelled,
                             const std::string& path) {
  FIJ_ASSIGN_OR_RETURN(const Document doc, Prepare(receipt, cancelled));

  // A font map of our own rather than pango's per-thread default: released on return, with the
  // fontconfig patterns it holds, so rendering leaves no process-wide state (and LeakSanitizer
  // nothing to report).
  FontMapPtr font_map(pango_cairo_font_map_new());
  int pages = 0;
  FIJ_RETURN_IF_ERROR(RenderPass(font_map.get(), doc, DiscardBytes, nullptr, 0, &pages, path));
  if (pages > kPagesMax) {
    return Invalid(receipt, "would take " + std::to_string(pages) + " pages, above the limit of " +
                                std::to_string(kPagesMax));
  }

  const std::string tmp_path = path + ".tmp";
  FILE* f = std::fopen(tmp_path.c_str(), "wb");
  if (f == nullptr) return ErrnoError("cannot create receipt PDF", tmp_path);
  int written_pages = 0;
  Status s = RenderPass(font_map.get(), doc, WriteBytes, f, pages, &written_pages, path);
  if (s.ok() && std::fflush(f) != 0) s = ErrnoError("cannot write receipt PDF", tmp_path);
  if (s.ok() && fsync(fileno(f)) != 0) s = ErrnoError("cannot sync receipt PDF", tmp_path);
  if (std::fclose(f) != 0 && s.ok()) s = ErrnoError("cannot close receipt PDF", tmp_path);
  if (s.ok() && std::rename(tmp_path.c_str(), path.c_str()) != 0) {
    s = ErrnoError("cannot rename " + tmp_path + " to receipt PDF", path);
  }
  if (!s.ok()) {
    std::remove(tmp_path.c_str());
    return s;
  }
  FIJ_CHECK(written_pages == pages)
      << "the two layout passes disagree: " << pages << " then " << written_pages;
  return Status::Ok();
}

}  // namespace fij::ledger
