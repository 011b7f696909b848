package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// pdfText returns the text of a PDF, as poppler's pdftotext reads it. Without
// pdftotext the test is skipped, unless TEBIKI_REQUIRE_BROWSER=1 (as in CI,
// whose .ci/run installs poppler-utils).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("TEBIKI_REQUIRE_BROWSER") == "1" {
			t.Fatal("pdftotext is not installed (apt-get install poppler-utils) and TEBIKI_REQUIRE_BROWSER=1")
		}
		t.Skip("pdftotext is not installed (apt-get install poppler-utils)")
	}
	in := filepath.Join(t.TempDir(), "printed.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// scriptRuns cuts s into runs of Japanese and of other letters, without
// spaces and brackets.
func scriptRuns(s string) []string {
	var runs []string
	var cur []rune
	curJa := false
	flush := func() {
		if len(cur) > 0 {
			runs = append(runs, string(cur))
		}
		cur = cur[:0]
	}
	for _, r := range s {
		if unicode.IsSpace(r) || strings.ContainsRune("()（）", r) {
			flush()
			continue
		}
		ja := unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー'
		if len(cur) > 0 && ja != curJa {
			flush()
		}
		curJa = ja
		cur = append(cur, r)
	}
	flush()
	return runs
}

// printPDF prints the tab as the browser prints it (print media, the page's
// own print styles) and returns the PDF.
func printPDF(tb *tab) []byte {
	tb.t.Helper()
	var pdf []byte
	if err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		r, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{})
		pdf = r.Data
		return err
	})); err != nil {
		tb.t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		tb.t.Fatalf("printing gave no PDF (%d bytes)", len(pdf))
	}
	return pdf
}

// The checker's result printed to PDF by Chromium names the city, the
// procedure, the outcome, the answers and the date printed, in the page's
// language, and carries none of the checker's buttons.
func TestPrintedResultPDF(t *testing.T) {
	f := sample(t)
	p := findProc(t, f, "sanda", "renewal")
	path := pathWith(t, p, map[string]string{"validity": "open", "who": "proxy", "form": "no"})
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			tb := openTab(t, f.base+p.guidePath(lang))
			tb.waitChecker()
			tb.answerPath(path)
			tb.run(`document.body.classList.add("print-checklist")`) // as the print button does
			if eval[bool](tb, `!!document.getElementById("furigana-toggle")`) {
				// Furigana print as the page shows them; unticked, the
				// page prints without them (and the words below read plainly).
				if with := pdfText(t, printPDF(tb)); !strings.Contains(strings.Join(strings.Fields(with), ""), "さんだし") {
					t.Errorf("the printed PDF has no furigana while they are shown:\n%s", with)
				}
				tb.run(`document.getElementById("furigana-toggle").checked = false`)
				tb.run(`document.body.classList.add("print-checklist")`) // printing ended the first one
			}
			text := pdfText(t, printPDF(tb))
			flat := strings.Join(strings.Fields(text), "")
			for _, want := range []string{
				p.p.City.Name.In(lang), p.p.Kind.Title.In(lang), path.Outcomes[0].Title.In(lang),
				path.Asked[1].Question.Text.In(lang), path.Asked[1].Answer.Label.In(lang),
				strings.SplitN(tb.ui("checker.printed"), "%s", 2)[0],
			} {
				// Compare without spaces (the PDF's lines break where the
				// page did), script run by script run: pdftotext may give
				// a Japanese run inside English text in another order.
				for _, run := range scriptRuns(want) {
					if !strings.Contains(flat, run) {
						t.Errorf("the printed PDF does not say %q (%q):\n%s", want, run, text)
						break
					}
				}
			}
			for _, button := range []string{tb.ui("checker.print"), tb.ui("checker.continue")} {
				if b := strings.Join(strings.Fields(button), ""); b != "" && strings.Contains(flat, b) {
					t.Errorf("the printed PDF shows the button %q:\n%s", button, text)
				}
			}
		})
	}
}
