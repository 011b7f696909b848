package site_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"rsc.io/qr"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// With a base URL, each static outcome page carries, for print, a QR code of
// its own absolute address (checked module by module against an encoding of
// that address) and the address in text; the drawing uses no style attribute
// and no data: URI (a strict CSP allows it). Without a base URL, no QR code.
func TestOutcomePagePrintsQRCodeOfItsURL(t *testing.T) {
	const base = "https://www.city.example.jp/tebiki/"
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Src: repoFS(t), Out: out, BaseURL: base}); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, out)
	plain, _ := buildSite(t, repoFS(t), "default")
	plainFiles := readTree(t, plain)
	for _, p := range []string{"en/sanda/renewal/check/expired.proxy.html", "ja/sakuragawa/renewal/check/open.self.html"} {
		doc, err := html.Parse(bytes.NewReader(files[p]))
		if err != nil {
			t.Fatal(err)
		}
		svgs := findAll(doc, func(n *html.Node) bool { return n.Data == "svg" && hasClass(n, "qr-code") })
		if len(svgs) != 1 {
			t.Errorf("%s: %d QR codes, want 1", p, len(svgs))
			continue
		}
		url := base + p
		if got := modules(t, svgs[0]); got != expectedModules(t, url) {
			t.Errorf("%s: the QR code is not that of %s", p, url)
		}
		fig := svgs[0].Parent
		if !strings.Contains(textContent(fig), url) {
			t.Errorf("%s: the address %s is not printed with the code", p, url)
		}
		for _, n := range findAll(fig, func(*html.Node) bool { return true }) {
			for _, a := range n.Attr {
				if a.Key == "style" || strings.Contains(a.Val, "data:") {
					t.Errorf("%s: <%s %s=%q> needs the CSP to allow inline style or data: URIs", p, n.Data, a.Key, a.Val)
				}
			}
		}
		if strings.Contains(string(plainFiles[p]), "qr-code") {
			t.Errorf("%s: a QR code without a base URL", p)
		}
	}
}

// modules reads the black modules of the QR drawing: its path is made of
// "Mx yhNv1h-Nz" runs.
func modules(t *testing.T, svg *html.Node) string {
	t.Helper()
	black := map[[2]int]bool{}
	size := 0
	for _, n := range findAll(svg, func(n *html.Node) bool { return n.Data == "path" || n.Data == "rect" }) {
		for _, a := range n.Attr {
			if n.Data == "rect" && a.Key == "width" {
				fmt.Sscan(a.Val, &size)
			}
			if n.Data != "path" || a.Key != "d" {
				continue
			}
			for _, run := range strings.Split(strings.TrimSuffix(a.Val, "z"), "z") {
				var x, y, w, w2 int
				if _, err := fmt.Sscanf(run, "M%d %dh%dv1h-%d", &x, &y, &w, &w2); err != nil || w != w2 {
					t.Fatalf("unexpected path run %q: %v", run, err)
				}
				for i := 0; i < w; i++ {
					black[[2]int{x + i, y}] = true
				}
			}
		}
	}
	var b strings.Builder
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			if black[[2]int{x, y}] {
				b.WriteByte('#')
			} else {
				b.WriteByte('.')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// expectedModules draws the QR code of text with its four-module quiet zone.
func expectedModules(t *testing.T, text string) string {
	t.Helper()
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for y := -4; y < c.Size+4; y++ {
		for x := -4; x < c.Size+4; x++ {
			if c.Black(x, y) {
				b.WriteByte('#')
			} else {
				b.WriteByte('.')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}
