package site

import "testing"

// BenchmarkRel makes the links of a question page of the checker: to the
// top page, the city, the guide, an asset and the next steps.
func BenchmarkRel(b *testing.B) {
	from := "en/c0001/renewal/check/open.proxy.html"
	to := []string{"en/index.html", "en/c0001/index.html", "en/c0001/renewal/index.html", "assets/style.css",
		"en/c0001/renewal/check/open.proxy.yes.html", "ja/c0001/renewal/check/open.proxy.html"}
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range to {
			Rel(from, t)
		}
	}
}
