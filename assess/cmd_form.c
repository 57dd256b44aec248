/*
 * cmd_form.c - `assess form`: the questionnaire as one offline HTML file
 * that anyone can open and fill in a browser, and that saves an
 * assess-answers/1 file for `assess score`.
 *
 * The page needs no network: its style and its small script are inline,
 * and a Content-Security-Policy allows exactly those two (by their
 * SHA-256 hashes) and nothing else, not even other inline script.  All
 * survey text reaches the page as HTML text or as double-quoted
 * attribute values, escaped for that context; nothing from the survey is
 * placed in the script or the style.  What the script needs of the
 * survey (audiences, conditions, ranges) it reads from data attributes,
 * as option and question numbers where it can.
 *
 * The style and the script are kept below as C strings.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "fsx.h"
#include "paths.h"
#include "report.h"
#include "sha256.h"
#include "svg.h"
#include "survey.h"

/* ---------------------------------------------------------------------
 * The page's style and script
 */

static const char *const form_css[] = {
	"body { font: 16px/1.5 system-ui, \"Segoe UI\", Roboto, Helvetica, Arial, sans-serif;\n",
	"  margin: 0; background: #f4f6f9; color: #1c2330; }\n",
	"main { max-width: 48rem; margin: 0 auto; padding: 1.5rem 1.25rem 5rem; }\n",
	"h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0; }\n",
	"h2 { font-size: 1.2rem; margin: .2rem 0 .4rem; }\n",
	".lead { color: #3d4657; }\n",
	".who, section.dim { background: #fff; border: 1px solid #d6dbe4; border-radius: 8px;\n",
	"  padding: 1rem 1.25rem; margin: 1.25rem 0; }\n",
	".who label { display: block; font-weight: 600; margin: .4rem 0 .15rem; }\n",
	".dimid, .qid { font: 600 .8rem ui-monospace, Menlo, Consolas, monospace; color: #5a6475; }\n",
	".qid { margin-right: .45rem; }\n",
	".q { border-top: 1px solid #e6e9ef; padding: .9rem 0 .6rem; }\n",
	".text { font-weight: 600; margin: 0 0 .3rem; }\n",
	".req { color: #a01328; font-size: .85rem; font-weight: normal; margin-left: .35rem; }\n",
	".help, .when, .desc { color: #4a5263; font-size: .92rem; margin: .15rem 0 .45rem; }\n",
	".when { font-style: italic; }\n",
	"label.opt { display: flex; gap: .55rem; align-items: flex-start; padding: .22rem .4rem;\n",
	"  border-radius: 4px; cursor: pointer; }\n",
	"label.opt:hover { background: #edf2f9; }\n",
	"label.opt input { margin-top: .3rem; }\n",
	"input[type=text], textarea, select { font: inherit; padding: .35rem .5rem;\n",
	"  border: 1px solid #b7bfcc; border-radius: 4px; background: #fff; color: inherit; }\n",
	".who input, .who select { width: 100%; box-sizing: border-box; }\n",
	"textarea { width: 100%; min-height: 4rem; box-sizing: border-box; }\n",
	".evl { display: block; font-size: .92rem; color: #4a5263; margin-top: .4rem; }\n",
	"input.ev { width: 100%; box-sizing: border-box; margin-top: .2rem; }\n",
	".unit { margin-left: .4rem; color: #4a5263; }\n",
	".err { color: #a01328; font-weight: 600; margin: .35rem 0 0; }\n",
	"details { margin: .3rem 0 .5rem; font-size: .92rem; }\n",
	"summary { cursor: pointer; color: #1f4f9a; }\n",
	".bar { position: fixed; left: 0; right: 0; bottom: 0; background: #fff;\n",
	"  border-top: 1px solid #d6dbe4; padding: .7rem 1.25rem; display: flex; gap: 1rem;\n",
	"  align-items: center; justify-content: center; }\n",
	"button { font: inherit; font-weight: 600; padding: .5rem 1.3rem; border: 0;\n",
	"  border-radius: 6px; background: #1f5fbf; color: #fff; cursor: pointer; }\n",
	"button:focus, input:focus, textarea:focus, select:focus { outline: 3px solid #8fb3ea; }\n",
	"#status { color: #2c3a50; }\n",
	"@media print {\n",
	"  body { background: #fff; } .bar { display: none; }\n",
	"  .who, section.dim { border: 0; padding: 0; }\n",
	"  .q { break-inside: avoid; }\n",
	"}\n",
	NULL
};

/* Shows and hides questions as the role and the answers they depend on
 * change (the same conditions as the answers readers apply), checks
 * required answers, ranges and exclusive options, and saves the answers
 * with a download. */
static const char *const form_js[] = {
	"(function () {\n",
	"  \"use strict\";\n",
	"  var form = document.getElementById(\"answers\");\n",
	"  var qs = [].slice.call(form.querySelectorAll(\".q\"));\n",
	"  var status = document.getElementById(\"status\");\n",
	"  function role() { return form.elements.role.value; }\n",
	"  function picked(q) {\n",
	"    return [].slice.call(q.querySelectorAll(\"input[data-i]:checked\"));\n",
	"  }\n",
	"  function naBox(q) {\n",
	"    var n = q.querySelector(\"input.na\");\n",
	"    return n !== null && n.checked;\n",
	"  }\n",
	"  function isNa(q) {\n",
	"    return naBox(q) || picked(q).some(function (i) {\n",
	"      return i.hasAttribute(\"data-na\");\n",
	"    });\n",
	"  }\n",
	"  function num(q) {\n",
	"    var i = q.querySelector(\"input.num\");\n",
	"    var s = i === null ? \"\" : i.value.trim();\n",
	"    return /^-?[0-9]+(\\.[0-9]+)?$/.test(s) ? Number(s) : null;\n",
	"  }\n",
	"  function asked(q) {\n",
	"    var w = q.getAttribute(\"data-when\"), ref, op, p, vals, hit, n, x;\n",
	"    if (q.getAttribute(\"data-aud\").split(\" \").indexOf(role()) < 0) return false;\n",
	"    if (w === null) return true;\n",
	"    ref = qs[Number(w)];\n",
	"    if (!asked(ref) || isNa(ref)) return false;\n",
	"    op = q.getAttribute(\"data-op\");\n",
	"    if (op === \"eq\" || op === \"ne\") {\n",
	"      p = picked(ref);\n",
	"      if (p.length === 0) return false;\n",
	"      vals = q.getAttribute(\"data-vals\").split(\" \");\n",
	"      hit = p.some(function (i) {\n",
	"        return vals.indexOf(i.getAttribute(\"data-i\")) >= 0;\n",
	"      });\n",
	"      return op === \"eq\" ? hit : !hit;\n",
	"    }\n",
	"    n = num(ref);\n",
	"    x = Number(q.getAttribute(\"data-num\"));\n",
	"    if (n === null) return false;\n",
	"    return op === \"lt\" ? n < x : op === \"le\" ? n <= x :\n",
	"      op === \"gt\" ? n > x : n >= x;\n",
	"  }\n",
	"  function update() {\n",
	"    qs.forEach(function (q) { q.hidden = !asked(q); });\n",
	"  }\n",
	"  function label(i) {\n",
	"    return i.parentNode.textContent.trim();\n",
	"  }\n",
	"  function answer(q) {\n",
	"    var t = q.getAttribute(\"data-type\"), p = picked(q), s, n, lo, hi, sp;\n",
	"    if (naBox(q)) return \"na\";\n",
	"    if (t === \"text\") {\n",
	"      s = q.querySelector(\"textarea\").value;\n",
	"      return s.trim() === \"\" ? undefined : s;\n",
	"    }\n",
	"    if (t === \"number\") {\n",
	"      s = q.querySelector(\"input.num\").value.trim();\n",
	"      if (s === \"\") return undefined;\n",
	"      n = num(q);\n",
	"      if (n === null) throw \"Write a number, with a '.' for decimals and no other signs.\";\n",
	"      lo = q.getAttribute(\"data-min\");\n",
	"      hi = q.getAttribute(\"data-max\");\n",
	"      if ((lo !== null && n < Number(lo)) || (hi !== null && n > Number(hi)))\n",
	"        throw \"The number must be \" + (lo !== null && hi !== null ?\n",
	"          \"from \" + lo + \" to \" + hi : lo !== null ? \"at least \" + lo :\n",
	"          \"at most \" + hi) + \".\";\n",
	"      return n;\n",
	"    }\n",
	"    if (p.length === 0) return undefined;\n",
	"    if (t !== \"multi\") return p[0].value;\n",
	"    sp = p.filter(function (i) {\n",
	"      return i.hasAttribute(\"data-excl\") || i.hasAttribute(\"data-na\");\n",
	"    });\n",
	"    if (sp.length > 0 && p.length > 1)\n",
	"      throw \"\\u201c\" + label(sp[0]) + \"\\u201d cannot be combined with other options.\";\n",
	"    return p.map(function (i) { return i.value; });\n",
	"  }\n",
	"  function complain(el, msg) {\n",
	"    el.textContent = msg;\n",
	"    el.hidden = false;\n",
	"  }\n",
	"  function collect(r) {\n",
	"    var first = null;\n",
	"    qs.forEach(function (q) {\n",
	"      var err = q.querySelector(\".err\"), id = q.getAttribute(\"data-qid\"), v, ev;\n",
	"      err.hidden = true;\n",
	"      if (q.hidden) return;\n",
	"      try {\n",
	"        v = answer(q);\n",
	"      } catch (m) {\n",
	"        complain(err, m);\n",
	"        first = first || q;\n",
	"        return;\n",
	"      }\n",
	"      if (v === undefined) {\n",
	"        if (q.hasAttribute(\"data-required\")) {\n",
	"          complain(err, \"This question must be answered.\");\n",
	"          first = first || q;\n",
	"        }\n",
	"        return;\n",
	"      }\n",
	"      r.answers[id] = v;\n",
	"      ev = q.querySelector(\"input.ev\");\n",
	"      if (ev !== null && ev.value.trim() !== \"\") r.evidence[id] = ev.value.trim();\n",
	"    });\n",
	"    return first;\n",
	"  }\n",
	"  function save() {\n",
	"    var org = form.elements.organisation, sel = form.elements.role, first,\n",
	"      doc, r, blob, a, orgErr = document.getElementById(\"org-err\");\n",
	"    update();\n",
	"    r = { organisation: org.value.trim(),\n",
	"      role: sel.options[sel.selectedIndex].getAttribute(\"data-id\"),\n",
	"      submitted: new Date().toISOString().slice(0, 10),\n",
	"      answers: {}, evidence: {} };\n",
	"    orgErr.hidden = true;\n",
	"    first = collect(r);\n",
	"    if (r.organisation === \"\") {\n",
	"      complain(orgErr, \"Name the organisation these answers are for.\");\n",
	"      first = org;\n",
	"    }\n",
	"    if (first !== null) {\n",
	"      first.scrollIntoView();\n",
	"      status.textContent = \"Some answers need attention: see the messages in red.\";\n",
	"      return;\n",
	"    }\n",
	"    if (Object.keys(r.evidence).length === 0) delete r.evidence;\n",
	"    doc = { format: \"assess-answers/1\",\n",
	"      survey: { id: form.getAttribute(\"data-survey\"),\n",
	"        version: form.getAttribute(\"data-version\") },\n",
	"      responses: [r] };\n",
	"    blob = new Blob([JSON.stringify(doc, null, 2) + \"\\n\"],\n",
	"      { type: \"application/json\" });\n",
	"    a = document.createElement(\"a\");\n",
	"    a.href = URL.createObjectURL(blob);\n",
	"    a.download = \"answers-\" + doc.survey.id + \".json\";\n",
	"    document.body.appendChild(a);\n",
	"    a.click();\n",
	"    a.remove();\n",
	"    status.textContent = \"Saved as \" + a.download +\n",
	"      \". Score it with: assess score \" + a.download;\n",
	"  }\n",
	"  form.addEventListener(\"input\", update);\n",
	"  form.addEventListener(\"change\", update);\n",
	"  form.addEventListener(\"submit\", function (e) { e.preventDefault(); });\n",
	"  document.getElementById(\"save\").addEventListener(\"click\", save);\n",
	"  update();\n",
	"}());\n",
	NULL
};

/* The lines of an asset as one string (C99 caps string literals at 4095
 * bytes). */
static void
lines(struct buf *b, const char *const *v)
{
	for (; *v != NULL; v++)
		buf_puts(b, *v);
}

/* ---------------------------------------------------------------------
 * HTML
 */

/* Survey text as HTML text or a double-quoted attribute value: the
 * reports' escaping (markup characters and both quotes as entities,
 * control and bidirectional characters replaced), uncut. */
static void
html(struct buf *b, const char *s)
{
	svg_text(b, s, (size_t)-1);
}

/* The hash a Content-Security-Policy allows an inline asset by. */
static int
hash(const char *const *v, char out[SHA256_B64])
{
	struct buf t = BUF_INIT;
	int rc;

	lines(&t, v);
	if ((rc = buf_ok(&t, NULL)) == 0)
		sha256_base64(t.data, t.len, out);
	buf_release(&t);
	return rc;
}

/* Text between markup: "<p>", survey text, "</p>". */
static void
el(struct buf *b, const char *open, const char *s, const char *close)
{
	buf_puts(b, open);
	html(b, s);
	buf_puts(b, close);
}

static void
head(struct buf *b, const struct survey *s)
{
	char js[SHA256_B64], css[SHA256_B64];

	if (hash(form_js, js) != 0 || hash(form_css, css) != 0)
		b->failed = 1;
	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; script-src 'sha256-%s'; "
	    "style-src 'sha256-%s'; img-src 'none'; form-action 'none'; "
	    "base-uri 'none'\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>", js, css);
	html(b, s->title);
	buf_puts(b, "</title>\n<style>");
	lines(b, form_css);
	el(b, "</style>\n</head>\n<body>\n<main>\n<h1>", s->title, "</h1>\n");
	if (s->description != NULL) {
		el(b, "<p class=\"lead\">", s->description, "</p>\n");
	}
	buf_puts(b, "<noscript><p class=\"err\">Saving the answers needs "
	    "JavaScript, which is off in this browser.</p></noscript>\n");
}

static void
who(struct buf *b, const struct survey *s)
{
	size_t k;

	el(b, "<form id=\"answers\" data-survey=\"", s->id, "\" data-version=\"");
	html(b, s->version);
	buf_puts(b, "\" novalidate>\n<div class=\"who\">\n"
	    "<label for=\"organisation\">Organisation</label>\n"
	    "<input type=\"text\" id=\"organisation\" name=\"organisation\" "
	    "autocomplete=\"organization\">\n"
	    "<p class=\"err\" id=\"org-err\" hidden></p>\n"
	    "<label for=\"role\">You answer as</label>\n"
	    "<select id=\"role\" name=\"role\">\n");
	for (k = 0; k < s->naud; k++) {
		buf_printf(b, "<option value=\"%zu\" data-id=\"", k);
		html(b, s->aud[k].id);
		buf_puts(b, (int)k == s->org_aud ? "\" selected>" : "\">");
		html(b, s->aud[k].label);
		buf_puts(b, "</option>\n");
	}
	buf_puts(b, "</select>\n<p class=\"help\">Only the questions for "
	    "your role are shown, and some appear only after the answer "
	    "they depend on.  Leave a question empty if you do not "
	    "know.</p>\n</div>\n");
}

static const char *const ops[] = {
	[W_NONE] = "", [W_EQ] = "eq", [W_NE] = "ne", [W_LT] = "lt",
	[W_LE] = "le", [W_GT] = "gt", [W_GE] = "ge",
};

/* The data attributes the script reads. */
static void
q_data(struct buf *b, const struct question *q, size_t i)
{
	size_t k;

	buf_printf(b, "<div class=\"q\" id=\"q%zu\" data-qid=\"", i);
	html(b, q->id);
	buf_printf(b, "\" data-type=\"%s\" data-aud=\"",
	    survey_type_name(q->type));
	for (k = 0; k < MAX_AUDIENCES; k++)
		if (q->audience & (1u << k))
			buf_printf(b, "%s%zu", b->data[b->len - 1] == '"' ? "" :
			    " ", k);
	buf_putc(b, '"');
	if (q->required)
		buf_puts(b, " data-required=\"1\"");
	if (q->type == Q_NUMBER && q->has_min)
		buf_printf(b, " data-min=\"%.17g\"", q->min);
	if (q->type == Q_NUMBER && q->has_max)
		buf_printf(b, " data-max=\"%.17g\"", q->max);
	if (q->when.op == W_NONE) {
		buf_puts(b, ">\n");
		return;
	}
	buf_printf(b, " data-when=\"%d\" data-op=\"%s\"", q->when.q,
	    ops[q->when.op]);
	if (q->when.op == W_EQ || q->when.op == W_NE) {
		buf_puts(b, " data-vals=\"");
		for (k = 0; k < 64; k++)
			if (q->when.vals & (1ULL << k))
				buf_printf(b, "%s%zu", b->data[b->len - 1] ==
				    '"' ? "" : " ", k);
		buf_puts(b, "\">\n");
	} else {
		buf_printf(b, " data-num=\"%.17g\">\n", q->when.num);
	}
}

static void
q_choices(struct buf *b, const struct question *q, size_t i)
{
	const char *kind = q->type == Q_MULTI ? "checkbox" : "radio";
	size_t k;

	for (k = 0; k < q->nopts; k++) {
		buf_printf(b, "<label class=\"opt\"><input type=\"%s\" "
		    "name=\"a%zu\" data-i=\"%zu\"%s%s value=\"", kind, i, k,
		    q->opts[k].na ? " data-na=\"1\"" : "",
		    q->opts[k].exclusive ? " data-excl=\"1\"" : "");
		html(b, q->opts[k].value);
		el(b, "\"> <span>", q->opts[k].label, "</span></label>\n");
	}
}

static void
q_input(struct buf *b, const struct question *q, size_t i)
{
	if (q->type == Q_TEXT) {
		buf_printf(b, "<textarea name=\"a%zu\" aria-label=\"", i);
		html(b, q->id);
		buf_puts(b, "\"></textarea>\n");
	} else if (q->type == Q_NUMBER) {
		buf_printf(b, "<input type=\"text\" class=\"num\" name=\"a%zu\" "
		    "inputmode=\"decimal\" size=\"10\" aria-label=\"", i);
		html(b, q->id);
		buf_puts(b, "\">");
		if (q->unit != NULL) {
			el(b, "<span class=\"unit\">", q->unit, "</span>");
		}
		buf_putc(b, '\n');
	} else {
		q_choices(b, q, i);
	}
	if (q->allow_na && q->na_opt < 0)
		buf_puts(b, "<label class=\"opt\"><input type=\"checkbox\" "
		    "class=\"na\"> <span>Not applicable</span></label>\n");
	if (q->evidence)
		buf_puts(b, "<label class=\"evl\">Evidence (optional): a "
		    "document or decision that shows it <input type=\"text\" "
		    "class=\"ev\"></label>\n");
}

static void
question(struct buf *b, const struct survey *s, size_t i)
{
	const struct question *q = &s->qs[i];

	q_data(b, q, i);
	el(b, "<p class=\"text\"><span class=\"qid\">", q->id, "</span>");
	html(b, q->text);
	if (q->required)
		buf_puts(b, "<span class=\"req\">required</span>");
	buf_puts(b, "</p>\n");
	if (q->when.op != W_NONE) {
		buf_puts(b, "<p class=\"when\">Asked because of your answer "
		    "to ");
		html(b, s->qs[q->when.q].id);
		buf_puts(b, ".</p>\n");
	}
	if (q->help != NULL) {
		el(b, "<p class=\"help\">", q->help, "</p>\n");
	}
	if (q->type == Q_MULTI)
		buf_puts(b, "<p class=\"help\">Tick all that apply.</p>\n");
	q_input(b, q, i);
	buf_puts(b, "<p class=\"err\" hidden></p>\n</div>\n");
}

static void
dimension(struct buf *b, const struct survey *s, const struct dimension *d)
{
	size_t i;

	el(b, "<section class=\"dim\">\n<h2>", d->title, " <span class=\"dimid\">");
	html(b, d->id);
	buf_puts(b, "</span></h2>\n");
	if (d->description != NULL) {
		el(b, "<p class=\"desc\">", d->description, "</p>\n");
	}
	buf_puts(b, "<details><summary>What the five levels look like"
	    "</summary>\n<ol>\n");
	for (i = 0; i < NLEVELS; i++) {
		el(b, "<li><strong>", s->levels[i].label, ":</strong> ");
		html(b, d->ladder[i] != NULL ? d->ladder[i] : "");
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ol>\n</details>\n");
	for (i = 0; i < d->nq; i++)
		question(b, s, d->first + i);
	buf_puts(b, "</section>\n");
}

static void
page(struct buf *b, const struct survey *s)
{
	size_t i;

	head(b, s);
	who(b, s);
	for (i = 0; i < s->ndims; i++)
		dimension(b, s, &s->dims[i]);
	buf_puts(b, "</form>\n</main>\n<div class=\"bar\"><button "
	    "type=\"button\" id=\"save\">Save answers</button> <span "
	    "id=\"status\" role=\"status\"></span></div>\n<script>");
	lines(b, form_js);
	buf_puts(b, "</script>\n</body>\n</html>\n");
}

int
cmd_form(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "survey", required_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *survey = PATHS_DEFAULT_SURVEY, *out = NULL;
	struct survey *s = NULL;
	struct buf b = BUF_INIT;
	struct err e = { 0 };
	char *path = NULL;
	int c, rc = AS_EXIT_OK;

	while ((c = getopt_long(argc, argv, ":s:o:h", longs, NULL)) != -1) {
		switch (c) {
		case 's': survey = optarg; break;
		case 'o': out = strcmp(optarg, "-") == 0 ? NULL : optarg; break;
		case 'h': return cli_help("form");
		default: return cli_bad_option("form", argv, c);
		}
	}
	if (optind < argc)
		return cli_usage_error("form", "unexpected argument '%s'; name "
		    "the page with -o FILE", argv[optind]);
	if ((out != NULL && fsx_check_output(out, &e) != 0) ||
	    (path = paths_survey(survey, &e)) == NULL ||
	    (s = survey_load(path, &e)) == NULL)
		goto fail;
	page(&b, s);
	if (buf_ok(&b, &e) != 0)
		goto fail;
	if (out == NULL) {
		if (fwrite(b.data, 1, b.len, stdout) != b.len)
			rc = AS_EXIT_SYSTEM;
	} else if (fsx_write_atomic(out, b.data, b.len, &e) != 0)
		goto fail;
	goto out;
fail:
	rc = cli_fail(&e);
out:
	buf_release(&b);
	survey_free(s);
	free(path);
	return rc;
}
