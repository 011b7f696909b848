package site_test

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A result with several visits reads as numbered steps, in an ordered list
// (so screen readers and print number them): the first visit, what happens
// before the next, the second visit; on outcome pages and in the guide's
// cases. A result with one visit has no steps.
func TestMultiVisitResultIsNumberedSteps(t *testing.T) {
	out, _ := buildSite(t, repoFS(t), "default")
	files := readTree(t, out)
	for _, c := range []struct {
		page  string
		steps []string // the start of each step's text
	}{
		{"en/sakuragawa/renewal/check/expired.proxy.html", []string{"First visit", "Before the next visit After this visit, the city office mails", "Second visit"}},
		{"ja/sakuragawa/renewal/check/expired.proxy.html", []string{"1回目の来庁", "次の来庁までの間 この後、市役所から照会書兼回答書が郵送されます。", "2回目の来庁"}},
		{"en/sanda/issuance/check/proxy.html", []string{"First visit", "Before the next visit After the application", "Second visit"}},
		{"ja/sakuragawa/pin_reset/check/proxy.html", []string{"1回目の来庁", "次の来庁までの間", "2回目の来庁"}},
		{"en/sakuragawa/renewal/check/open.self.html", nil},
		// The guide page's cases, too (Sanda's issuance: the proxy's).
		{"en/sanda/issuance/index.html", []string{"First visit", "Before the next visit After the application", "Second visit"}},
	} {
		doc, err := html.Parse(bytes.NewReader(files[c.page]))
		if err != nil {
			t.Fatal(err)
		}
		lists := findAll(doc, func(n *html.Node) bool { return n.Data == "ol" && hasClass(n, "steps") })
		if c.steps == nil {
			if len(lists) != 0 {
				t.Errorf("%s: one visit, but numbered steps", c.page)
			}
			continue
		}
		if len(lists) != 1 {
			t.Errorf("%s: %d ordered lists of steps, want 1", c.page, len(lists))
			continue
		}
		var got []string
		for li := lists[0].FirstChild; li != nil; li = li.NextSibling {
			if li.Type == html.ElementNode && li.Data == "li" {
				got = append(got, strings.Join(strings.Fields(textContent(li)), " "))
			}
		}
		if len(got) != len(c.steps) {
			t.Errorf("%s: %d steps, want %d:\n%s", c.page, len(got), len(c.steps), strings.Join(got, "\n"))
			continue
		}
		for i, want := range c.steps {
			if !strings.HasPrefix(got[i], want) {
				t.Errorf("%s: step %d is %q, want it to start with %q", c.page, i+1, got[i], want)
			}
		}
	}
}

func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	if n.Type == html.ElementNode && match(n) {
		out = append(out, n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, findAll(c, match)...)
	}
	return out
}

func hasClass(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" && strings.Contains(" "+a.Val+" ", " "+class+" ") {
			return true
		}
	}
	return false
}

// textContent is the text of n, with a space between elements.
func textContent(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data != "span" && c.Data != "wbr" {
			b.WriteString(" ")
		}
		b.WriteString(textContent(c))
	}
	return b.String()
}
