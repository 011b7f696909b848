package e2e

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/tebiki/tebiki/generator/internal/browser"
	"github.com/tebiki/tebiki/generator/internal/site"
)

// emulateMedia sets the CSS media type ("print", or "" for the screen) and
// media features (prefers-color-scheme, forced-colors) of the tab's page.
func (tb *tab) emulateMedia(media string, features map[string]string) {
	tb.t.Helper()
	p := emulation.SetEmulatedMediaParams{Media: media}
	for k, v := range features {
		p.Features = append(p.Features, &emulation.MediaFeature{Name: k, Value: v})
	}
	err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, p)
		return err
	}))
	if err != nil {
		tb.t.Fatalf("emulating media %q %v: %v", media, features, err)
	}
}

// The QR code of a static outcome page (built with a base URL) is printed,
// at a size a phone can read, and not shown on screen.
func TestQRCodeOnlyInPrint(t *testing.T) {
	f := sample(t)
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Src: os.DirFS(f.root), Out: dir, BaseURL: "https://www.city.example.jp/tebiki/", Date: f.date.String()}); err != nil {
		t.Fatal(err)
	}
	base, stop, err := browser.Serve(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	tb := openTab(t, base+"en/sanda/renewal/check/expired.proxy.html")
	const sizeJS = `(() => { const r = document.querySelector(".print-qr svg").getBoundingClientRect(); return [r.width, r.height]; })()`
	if w := eval[[]float64](tb, sizeJS); w[0] != 0 {
		t.Errorf("the QR code is shown on screen (%v px wide)", w[0])
	}
	tb.emulateMedia("print", nil)
	w := eval[[]float64](tb, sizeJS)
	if w[0] < 80 || w[0] != w[1] {
		t.Errorf("in print the QR code is %v × %v px, want a square of 30 mm (113 px)", w[0], w[1])
	}
	tb.assertClean()
}
