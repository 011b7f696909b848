package graph

import (
	"bytes"
	"encoding/xml"
	"errors"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/wasm/decide"
)

func tx(ja, en string) decide.Text { return decide.TextOf("ja", ja, "en", en) }

// flow draws p in lang with the default theme's words, as a site does.
func flow(p *decide.Procedure, lang string) template.HTML {
	themeOnce.Do(func() {
		for _, l := range []string{"ja", "en"} {
			themeStrings[l] = rules.DefaultWords(l)
		}
	})
	return FlowSVG(p, lang, lang, rules.NewWords(lang, themeStrings[lang]))
}

var (
	themeOnce    sync.Once
	themeStrings = map[string]map[string]string{}
)

func when(pairs ...string) decide.Cond {
	var c decide.Cond
	for i := 0; i+1 < len(pairs); i += 2 {
		c = append(c, decide.Clause{Question: pairs[i], Answers: strings.Split(pairs[i+1], "|")})
	}
	return c
}

// sample is a small renewal: the expiry, then who goes (only after expiry),
// then whether the form is there. The form question is reached from the
// expiry question directly (renewal open) and through "who" (expired), so
// one edge crosses a column; three answers of "who" share one arrow.
func sample() *decide.Procedure {
	validity := &decide.Question{ID: "validity", Kind: decide.Expiry, Text: tx("有効期限まで、あとどのくらいですか。", "How long until the certificates expire?"),
		Answers: []*decide.Answer{
			{ID: "too_early", Label: tx("3か月より先", "More than 3 months")},
			{ID: "open", Label: tx("3か月以内", "3 months or less")},
			{ID: "expired", Label: tx("有効期限を過ぎている", "It has already expired")},
		}}
	who := &decide.Question{ID: "who", Text: tx("窓口に来るのは誰ですか。", "Who will go to the counter?"), AskIf: when("validity", "expired"),
		Answers: []*decide.Answer{
			{ID: "self", Label: tx("本人", "The card holder")},
			{ID: "legal", Label: tx("法定代理人（親権者や成年後見人）", "A legal representative (a parent with custody, or a guardian)")},
			{ID: "proxy", Label: tx("本人から頼まれた代理人（任意代理人）", "Someone the holder asked to go (a proxy, 任意代理人)")},
		}}
	form := &decide.Question{ID: "form", Text: tx("J-LISから届いた照会書兼回答書を持っていますか。", "Do you have the inquiry and answer form (照会書兼回答書) from J-LIS?"),
		AskIf: when("validity", "open|expired"),
		Answers: []*decide.Answer{
			{ID: "yes", Label: tx("はい", "Yes")},
			{ID: "no", Label: tx("いいえ", "No")},
		}}
	card := &decide.Item{Ref: "card", Text: tx("マイナンバーカード", "My Number Card")}
	formItem := &decide.Item{Ref: "jlis_form", Text: tx("照会書兼回答書", "The form")}
	photo := &decide.Item{Ref: "photo_id", Text: tx("代理人の本人確認書類", "Photo ID of the proxy"), When: when("who", "proxy")}
	lost := &decide.Item{Ref: "form_lost", Text: tx("照会書をなくしたときは市民課へ", "If the form is lost, ask the Citizens Division")}
	return &decide.Procedure{City: "sample", ID: "renewal", Title: tx("電子証明書の更新", "Renewing the electronic certificates"), WindowMonths: 3,
		Questions: []*decide.Question{validity, who, form},
		Outcomes: []*decide.Outcome{
			{ID: "not_yet", Kind: decide.NotYet, When: when("validity", "too_early"), Title: tx("まだ更新できません", "You cannot renew yet")},
			{ID: "renew", When: when("validity", "open", "form", "yes"), Title: tx("本人が更新する場合", "Renewing before expiry"),
				Visits: []*decide.Visit{{SameDay: decide.SameDay, Items: []*decide.Item{card, formItem}}}},
			{ID: "ask", Kind: decide.Contact, When: when("form", "no"), Title: tx("市民課に問い合わせてください", "Ask the Citizens Division"),
				Warnings: []*decide.Item{lost}},
			{ID: "reissue", When: when("validity", "expired", "form", "yes"), Title: tx("有効期限が過ぎた場合（発行の申請）", "After expiry: apply for new certificates"),
				Visits: []*decide.Visit{{Items: []*decide.Item{card, formItem, photo}}}},
		}}
}

func TestSampleIsValid(t *testing.T) {
	if errs := sample().Validate(); len(errs) > 0 {
		t.Fatalf("the sample procedure has problems: %v", errs)
	}
}

// TestGolden compares the sample's SVG in both languages with testdata.
// UPDATE_SNAPSHOTS=1 rewrites the files; look at them in a browser and
// inspect the diff before committing.
func TestGolden(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		got := []byte(flow(sample(), lang))
		path := filepath.Join("testdata", "sample."+lang+".svg")
		if os.Getenv("UPDATE_SNAPSHOTS") == "1" {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run UPDATE_SNAPSHOTS=1 go test ./generator/internal/graph/ and inspect the result)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("FlowSVG(sample, %s) differs from %s (UPDATE_SNAPSHOTS=1 go test ./generator/internal/graph/ to accept, then inspect the diff)", lang, path)
		}
	}
}

func TestSampleEdges(t *testing.T) {
	s := parseSVG(t, string(flow(sample(), "en")))
	var got []string
	for _, e := range s.edges {
		got = append(got, e.from+" -"+strings.Join(e.answers, ",")+"-> "+e.to)
	}
	want := []string{
		"q:validity -too_early-> o:not_yet",
		"q:validity -open-> q:form",
		"q:validity -expired-> q:who",
		"q:form -yes-> o:renew",
		"q:form -no-> o:ask",
		"q:who -self,legal,proxy-> q:form",
		"q:form -yes-> o:reissue",
	}
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("edges:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Columns: validity, then who, then form (after who, not beside it),
	// then the outcomes reached from form.
	x := func(key string) float64 { return s.nodes[key].x + s.nodes[key].w/2 }
	if !(x("q:validity") < x("q:who") && x("q:who") < x("q:form") && x("q:form") < x("o:renew")) {
		t.Errorf("columns out of order: validity %v, who %v, form %v, renew %v", x("q:validity"), x("q:who"), x("q:form"), x("o:renew"))
	}
	if d := x("o:not_yet") - x("q:who"); d < -1 || d > 1 {
		t.Errorf("not_yet is centred at x=%v, want in the column of who (x=%v)", x("o:not_yet"), x("q:who"))
	}
}

func TestStartNode(t *testing.T) {
	p := &decide.Procedure{ID: "simple", Outcomes: []*decide.Outcome{{ID: "only", Title: tx("窓口へどうぞ", "Go to the counter")}}}
	for _, lang := range []string{"ja", "en"} {
		s := parseSVG(t, string(flow(p, lang)))
		if len(s.edges) != 1 || s.edges[0].from != "start" || s.edges[0].to != "o:only" {
			t.Errorf("%s: edges %+v, want start -> o:only", lang, s.edges)
		}
		if _, ok := s.nodes["start"]; !ok {
			t.Errorf("%s: no start node", lang)
		}
	}
}

// TestRealRules draws every procedure of the real rules and finds each
// question, answer label and outcome title in it, each box once.
func TestRealRules(t *testing.T) {
	var errs diag.List
	r := rules.Load(os.DirFS("../../.."), &errs)
	if errs.Len() > 0 {
		t.Fatalf("the rules have problems: %v", errs.Items())
	}
	n := 0
	for _, c := range r.Cities {
		for _, p := range c.Procedures {
			n++
			for _, lang := range []string{"ja", "en"} {
				name := c.ID + "/" + p.ID + " (" + lang + ")"
				src := string(flow(p.Core, lang))
				s := parseSVG(t, src)
				checkSVG(t, name, src, s, lang)
				for _, q := range p.Core.Questions {
					node, ok := s.nodes["q:"+q.ID]
					if !ok {
						t.Errorf("%s: no box for question %s", name, q.ID)
						continue
					}
					if node.text != squash(q.Text.In(lang)) {
						t.Errorf("%s: question %s says %q, want %q", name, q.ID, node.text, q.Text.In(lang))
					}
					for _, a := range q.Answers {
						if !s.hasLabel("q:"+q.ID, a.ID, squash(a.Label.In(lang))) {
							t.Errorf("%s: no arrow from %s labelled %q (answer %s)", name, q.ID, a.Label.In(lang), a.ID)
						}
					}
				}
				for _, o := range p.Core.Outcomes {
					node, ok := s.nodes["o:"+o.ID]
					if !ok {
						t.Errorf("%s: no box for outcome %s", name, o.ID)
						continue
					}
					if node.text != squash(o.Title.In(lang)) {
						t.Errorf("%s: outcome %s says %q, want %q", name, o.ID, node.text, o.Title.In(lang))
					}
				}
				if want := len(p.Core.Questions) + len(p.Core.Outcomes); len(s.nodes) != want {
					t.Errorf("%s: %d boxes, want %d (one per question and outcome)", name, len(s.nodes), want)
				}
				if src != string(flow(p.Core, lang)) {
					t.Errorf("%s: two calls give different SVG", name)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no procedures in the real rules")
	}
}

func TestHostileText(t *testing.T) {
	const evil = `<script>alert("x&y")</script> 'q' & ]]>`
	p := &decide.Procedure{City: `c"ity`, ID: `<p>`, Title: tx(evil, evil),
		Questions: []*decide.Question{{ID: `q"><script>`, Text: tx(evil+"\x00\x1b\xff", evil),
			Answers: []*decide.Answer{{ID: `a'\"<x>`, Label: tx(evil, evil)}, {ID: "b", Label: tx("b", "b")}}}},
		Outcomes: []*decide.Outcome{
			{ID: `o&<>`, When: when(`q"><script>`, `a'\"<x>`), Title: tx(evil, evil)},
			{ID: "other", When: when(`q"><script>`, "b"), Title: tx("b", "b")},
		}}
	for _, lang := range []string{"ja", "en"} {
		src := string(flow(p, lang))
		if strings.Contains(src, "<script") || strings.Contains(src, "alert(\"") || strings.Contains(src, "<x>") {
			t.Errorf("%s: unescaped text in\n%s", lang, src)
		}
		s := parseSVG(t, src)
		checkSVG(t, "hostile "+lang, src, s, lang)
		q, ok := s.nodes[`q:q"><script>`]
		if !ok {
			t.Fatalf("%s: no box for the hostile question; boxes %v", lang, keys(s.nodes))
		}
		if want := squash(evil); !strings.HasPrefix(q.text, want) {
			t.Errorf("%s: question text %q, want it to start with %q", lang, q.text, want)
		}
		if !s.hasLabel(`q:q"><script>`, `a'\"<x>`, squash(evil)) {
			t.Errorf("%s: hostile answer label lost", lang)
		}
		if !strings.Contains(s.title, evil) {
			t.Errorf("%s: title %q does not hold the procedure title", lang, s.title)
		}
	}
}

func TestTable(t *testing.T) {
	rows := Table(sample())
	var got []string
	for _, r := range rows {
		var as []string
		for _, a := range r.Answers {
			as = append(as, a.Question.ID+"="+a.Answer.ID)
		}
		line := strings.Join(as, ",") + " => " + r.Outcome.ID
		for _, v := range r.Visits {
			var items []string
			for _, it := range v.Items {
				items = append(items, it.Item.Ref)
			}
			line += " [" + strings.Join(items, " ") + "]"
		}
		for _, w := range r.Warnings {
			line += " !" + w.Item.Ref
		}
		got = append(got, line)
	}
	want := []string{
		"validity=too_early => not_yet",
		"validity=open,form=yes => renew [card jlis_form]",
		"validity=open,form=no => ask !form_lost",
		"validity=expired,who=self,form=yes => reissue [card jlis_form]",
		"validity=expired,who=self,form=no => ask !form_lost",
		"validity=expired,who=legal,form=yes => reissue [card jlis_form]",
		"validity=expired,who=legal,form=no => ask !form_lost",
		"validity=expired,who=proxy,form=yes => reissue [card jlis_form photo_id]",
		"validity=expired,who=proxy,form=no => ask !form_lost",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Table:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	var errs diag.List
	r := rules.Load(os.DirFS("../../.."), &errs)
	for _, c := range r.Cities {
		for _, p := range c.Procedures {
			paths := p.Core.Paths()
			rows := Table(p.Core)
			if len(rows) != len(paths) {
				t.Errorf("%s/%s: %d rows, want one per path (%d)", c.ID, p.ID, len(rows), len(paths))
				continue
			}
			for i, path := range paths {
				if len(path.Outcomes) != 1 || rows[i].Outcome != path.Outcomes[0] {
					t.Errorf("%s/%s row %d: outcome %v, want %v", c.ID, p.ID, i, rows[i].Outcome, path.Outcomes)
				}
				if len(rows[i].Answers) != len(path.Asked) {
					t.Errorf("%s/%s row %d: %d answers, want %d", c.ID, p.ID, i, len(rows[i].Answers), len(path.Asked))
				}
			}
		}
	}
}

func TestTableWithoutOutcome(t *testing.T) {
	p := sample()
	p.Outcomes = p.Outcomes[:1] // only not_yet is left
	rows := Table(p)
	if len(rows) != 9 || rows[0].Outcome == nil || rows[1].Outcome != nil {
		t.Fatalf("rows = %+v", rows)
	}
	s := parseSVG(t, string(flow(p, "en")))
	if _, ok := s.nodes["none"]; !ok {
		t.Errorf("no box for the paths that reach no outcome")
	}
}

func TestWrap(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Who will go to the counter?", []string{"Who will go to the", "counter?"}},
		{"短い", []string{"短い"}},
		// Japanese breaks between phrases, never inside a word, a number
		// with its counter or a name (the staff pages showed "成 / 年後見人",
		// "あ / とどのくらい", "どな / たですか").
		{"電子証明書の有効期限まで、あとどのくらいですか。", []string{"電子証明書の有効期限まで、", "あとどのくらいですか。"}},
		{"法定代理人（親権者や成年後見人）", []string{"法定代理人（親権者や", "成年後見人）"}},
		{"窓口で手続きをされるのはどなたですか。", []string{"窓口で手続きをされるのは", "どなたですか。"}},
		{"代理人の方は、本人がすべて記入し封をした照会書兼回答書をお持ちですか。", []string{"代理人の方は、本人が", "すべて記入し封をした", "照会書兼回答書を", "お持ちですか。"}},
		// A closing bracket or 。 never starts a line; an opening one never ends it.
		{"あいうえおかきくけこさしすせ。そ", []string{"あいうえおかきくけこさ", "しすせ。そ"}},
		{"あいうえおかきくけこさしす（そ）", []string{"あいうえおかきくけこさしす", "（そ）"}},
		{"Someone the holder asked to go (a proxy, 任意代理人)", []string{"Someone the holder asked", "to go (a proxy,", "任意代理人)"}},
		{"Supercalifragilisticexpialidocious word", []string{"Supercalifragilisticexpialidocious", "word"}},
		{"  spaced\n\tout  ", []string{"spaced out"}},
		{"", []string{""}},
	}
	for _, c := range cases {
		if got := wrap(c.in, boxEm); !slices.Equal(got, c.want) {
			t.Errorf("wrap(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// svgDoc is what the tests read back from an SVG.
type svgDoc struct {
	root, title, desc string
	attrs             map[string]string
	nodes             map[string]*svgNode
	edges             []svgEdge
	labels            map[string]string // "from to" -> the label text, squashed
}

type svgNode struct {
	text string // the lines of the box, without its caption, squashed
	x, w float64
}

type svgEdge struct {
	from, to string
	answers  []string
}

func (s *svgDoc) hasLabel(from, answer, label string) bool {
	for _, e := range s.edges {
		if e.from == from && slices.Contains(e.answers, answer) && strings.Contains(s.labels[e.from+" "+e.to], label) {
			return true
		}
	}
	return false
}

// squash drops white space, since wrapped lines lose the spaces they were
// broken at.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func attr(e xml.StartElement, name string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == name && (a.Name.Space == "" || name == "lang") {
			return a.Value, true
		}
	}
	return "", false
}

// parseSVG reads the whole SVG with encoding/xml, failing on any error, and
// collects boxes, arrows and labels by their data attributes.
func parseSVG(t *testing.T, src string) *svgDoc {
	t.Helper()
	s := &svgDoc{attrs: map[string]string{}, nodes: map[string]*svgNode{}, labels: map[string]string{}}
	d := xml.NewDecoder(strings.NewReader(src))
	d.Strict = true
	var stack []xml.StartElement
	var node *svgNode
	var label string
	inLabel, captioned := false, false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v\n%s", err, src)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				s.root = tok.Name.Local
				for _, a := range tok.Attr {
					s.attrs[a.Name.Local] = a.Value
				}
			}
			stack = append(stack, tok)
			if k, ok := attr(tok, "data-node"); ok {
				if _, dup := s.nodes[k]; dup {
					t.Errorf("two boxes for %q", k)
				}
				node = &svgNode{x: -1}
				s.nodes[k] = node
				captioned = false
			}
			if k, ok := attr(tok, "data-label"); ok {
				label, inLabel = k, true
			}
			if tok.Name.Local == "rect" && node != nil && node.x < 0 {
				x, _ := attr(tok, "x")
				w, _ := attr(tok, "width")
				node.x, node.w = atof(t, x), atof(t, w)
			}
			if tok.Name.Local == "path" {
				from, ok1 := attr(tok, "data-from")
				to, ok2 := attr(tok, "data-to")
				if ok1 && ok2 {
					ans, _ := attr(tok, "data-answers")
					s.edges = append(s.edges, svgEdge{from, to, strings.Fields(ans)})
				}
			}
		case xml.EndElement:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if _, ok := attr(top, "data-node"); ok {
				node = nil
			}
			if _, ok := attr(top, "data-label"); ok {
				inLabel = false
			}
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			el := stack[len(stack)-1]
			if el.Name.Local == "tspan" && len(stack) > 1 {
				el = stack[len(stack)-2] // a run of Japanese in a line of English
			}
			switch {
			case el.Name.Local == "title" && len(stack) == 2:
				s.title += string(tok)
			case el.Name.Local == "desc" && len(stack) == 2:
				s.desc += string(tok)
			case el.Name.Local == "text" && node != nil:
				if fs, _ := attr(el, "font-size"); fs == itoa(captionSize) && !captioned {
					captioned = true // the ID line
					continue
				}
				node.text += squash(string(tok))
			case el.Name.Local == "text" && inLabel:
				s.labels[label] += squash(string(tok))
			}
		}
	}
	return s
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	var f float64
	for i, part := range strings.SplitN(s, ".", 2) {
		for _, r := range part {
			if r < '0' || r > '9' {
				t.Fatalf("not a number: %q", s)
			}
		}
		if i == 0 {
			for _, r := range part {
				f = f*10 + float64(r-'0')
			}
		} else {
			scale := 0.1
			for _, r := range part {
				f += float64(r-'0') * scale
				scale /= 10
			}
		}
	}
	return f
}

// checkSVG checks what every flow must have: an accessible image with a
// title and description in lang, sized to its content, with no external
// resources.
func checkSVG(t *testing.T, name, src string, s *svgDoc, lang string) {
	t.Helper()
	if s.root != "svg" || s.attrs["role"] != "img" || s.attrs["lang"] != lang || s.attrs["font-family"] != "sans-serif" {
		t.Errorf("%s: root <%s> with %v", name, s.root, s.attrs)
	}
	if s.title == "" || s.desc == "" {
		t.Errorf("%s: title %q, desc %q", name, s.title, s.desc)
	}
	if lang == "ja" && !strings.Contains(s.desc, "質問") || lang == "en" && !strings.Contains(s.desc, "question") {
		t.Errorf("%s: desc %q is not in %s", name, s.desc, lang)
	}
	// Drawn at a fixed scale of its user units, never shrunk to fit (text
	// stays readable and grows with zoom), and without a style attribute.
	vb := strings.Fields(s.attrs["viewBox"])
	scaled := func(v string) string { n, _ := strconv.Atoi(v); return itoa(n * displayScale / 4) }
	if len(vb) != 4 || vb[0] != "0" || vb[1] != "0" || scaled(vb[2]) != s.attrs["width"] || scaled(vb[3]) != s.attrs["height"] {
		t.Errorf("%s: viewBox %q, width %q, height %q", name, s.attrs["viewBox"], s.attrs["width"], s.attrs["height"])
	}
	if _, ok := s.attrs["style"]; ok {
		t.Errorf("%s: style=%q shrinks the drawing (and needs the CSP to allow inline styles)", name, s.attrs["style"])
	}
	for _, bad := range []string{"href", "@import", "<style", "<image", "<foreignObject", "<script"} {
		if strings.Contains(src, bad) {
			t.Errorf("%s: SVG contains %q", name, bad)
		}
	}
	if strings.Count(src, "http") != 1 { // the namespace only
		t.Errorf("%s: SVG refers to something outside itself", name)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
