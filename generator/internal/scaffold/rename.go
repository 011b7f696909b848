package scaffold

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/todo"
)

// titleOf turns an ID into a name: "minami-awaji" -> "Minami Awaji".
func titleOf(id string) string {
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// stemJa is a Japanese city name without its 市, 町, 村 or 区.
func stemJa(s string) string {
	for _, suf := range []string{"市", "町", "村", "区"} {
		if t := strings.TrimSuffix(s, suf); t != s && t != "" {
			return t
		}
	}
	return s
}

// jaSuffix is the 市, 町, 村 or 区 that ends a Japanese place name, or "".
func jaSuffix(s string) string { return strings.TrimPrefix(s, stemJa(s)) }

// beforeBrackets is a name without what follows it in brackets:
// "Sanda City (三田市)" -> "Sanda City".
func beforeBrackets(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "（"); i > 0 {
		s = s[:i]
	}
	return s
}

// stemEn is an English city name without " City" and the Japanese in
// brackets: "Sanda City (三田市)" -> "Sanda".
func stemEn(s string) string {
	s = beforeBrackets(s)
	for _, suf := range []string{" City", " Town", " Village", " Ward"} {
		if t := strings.TrimSuffix(s, suf); t != s && t != "" {
			return t
		}
	}
	return strings.TrimSpace(s)
}

// isLatinName reports whether a name is written in Latin script, what is
// in brackets aside ("Sanda City (三田市)").
func isLatinName(s string) bool {
	letters := 0
	for _, r := range beforeBrackets(s) {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// newNames completes the given names of a new city, for each language of
// the site, from the old city's names, by what each old name looks like:
//
//   - no name given: a Latin-script name is made from the ID (Kaku City);
//     any other is a TODO marker, with the old name's 市, 町, 村 or 区
//     (三田市 -> TODO市), so that every place the name was stays marked;
//   - a Japanese name given without its 市 gets the old one's (架空 -> 架空市);
//   - a Latin-script name without brackets gets the ones the old name had,
//     with the new name of the language the brackets named
//     ("Sanda City (三田市)" -> "Kaku City (架空市)").
//
// all reports whether every language had a name given.
func newNames(id string, codes []string, old, given Names) (names Names, all bool) {
	names = Names{}
	all = true
	for _, c := range codes {
		o, n := old[c], given[c]
		switch {
		case n == "" && isLatinName(o):
			n = titleOf(id) + " City"
		case n == "":
			n = todo.Marker + jaSuffix(o)
		case jaSuffix(o) != "" && jaSuffix(n) == "":
			n += jaSuffix(o)
		}
		if given[c] == "" {
			all = false
		}
		names[c] = n
	}
	for _, c := range codes {
		o, n := old[c], names[c]
		if !isLatinName(o) || strings.Contains(n, "(") || !strings.Contains(o, " (") {
			continue
		}
		inner := strings.TrimSuffix(o[strings.Index(o, " (")+2:], ")")
		if b := bracketed(codes, c, inner, old, names); b != "" {
			names[c] = n + " (" + b + ")" // English names keep the Japanese in brackets
		}
	}
	return names, all
}

// bracketed is the new name for what the old name of language c had in
// brackets: the new name of the language whose old name it was, else of
// the first language whose old name is Japanese (ends in 市, 町, 村 or 区).
func bracketed(codes []string, c, inner string, old, names Names) string {
	for _, o := range codes {
		if o != c && old[o] == inner {
			return names[o]
		}
	}
	for _, o := range codes {
		if o != c && jaSuffix(old[o]) != "" {
			return names[o]
		}
	}
	return ""
}

// englishName is the new city's name for an English sentence on a page in
// language lang: the stem of its Latin-script name in lang, else in the
// first language that has one, else made from the ID.
func englishName(id string, codes []string, names Names, lang string) string {
	if isLatinName(names[lang]) {
		return stemEn(names[lang])
	}
	for _, c := range codes {
		if isLatinName(names[c]) {
			return stemEn(names[c])
		}
	}
	return titleOf(id)
}

// A renamer replaces, in one pass, what names the old city by what names
// the new one: for each language, its full name and its stem (三田市 and
// 三田, or Sanda City (三田市) and Sanda as a word), and the ID as a word
// (sanda, in paths and links). Where languages share an old name (三田市 in
// Japanese and in Easy Japanese) but not the new one, a text in a language
// gets that language's new name; text outside any language's text (IDs,
// comments) gets the first language's.
type renamer struct {
	pairs []pair            // outside the texts of a language
	in    map[string][]pair // in the texts of a language, by its code
}

type pair struct {
	old, new string
	word     func(byte) bool // characters that must not touch a match; nil: none
}

func isIDChar(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// namePairs is what renames a city's name o in one language to n, by what
// o looks like: a Japanese name also by its stem, a Latin-script one also
// by its stem, as words.
func namePairs(o, n string) []pair {
	var ps []pair
	add := func(o, n string, word func(byte) bool) {
		if o != "" && n != "" && o != n {
			ps = append(ps, pair{o, n, word})
		}
	}
	switch {
	case jaSuffix(o) != "":
		if jaSuffix(n) == "" {
			n += jaSuffix(o) // 架空 -> 架空市, as the old name had 市
		}
		add(o, n, nil)
		add(stemJa(o), stemJa(n), nil)
	case isLatinName(o):
		add(o, n, isAlnum)
		add(stemEn(o), stemEn(n), isAlnum)
	default:
		add(o, n, nil)
	}
	return ps
}

// newRenamer renames city oldID, named old, to newID, named names, in the
// languages codes (the site's, in order).
func newRenamer(oldID, newID string, codes []string, old, names Names) *renamer {
	byCode := map[string][]pair{}
	for _, c := range codes {
		byCode[c] = namePairs(old[c], names[c])
	}
	var id []pair
	if oldID != newID {
		id = []pair{{oldID, newID, isIDChar}}
	}
	// first's pairs before the others', then longest first, so that a
	// full name wins over its stem and a language's own name over another's.
	order := func(first string) []pair {
		ps := append([]pair(nil), byCode[first]...)
		for _, c := range codes {
			if c != first {
				ps = append(ps, byCode[c]...)
			}
		}
		ps = append(ps, id...)
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].old) > len(ps[j].old) })
		return ps
	}
	r := &renamer{pairs: order(""), in: map[string][]pair{}}
	for _, c := range codes {
		r.in[c] = order(c)
	}
	return r
}

// replacePage renames in a content page in language lang.
func (r *renamer) replacePage(s, lang string) string {
	ps, ok := r.in[lang]
	if !ok {
		ps = r.pairs
	}
	return replace(s, func(int) []pair { return ps })
}

// replaceYAML renames in a rule file: each text of a language (the value of
// a key that is a language code, as ja: in name: {ja: 三田市}) with that
// language's names.
func (r *renamer) replaceYAML(s string) string {
	regions := textRegions(s, r.in)
	return replace(s, func(i int) []pair {
		k := sort.Search(len(regions), func(k int) bool { return regions[k].start > i }) - 1
		if k >= 0 && i < regions[k].end {
			return r.in[regions[k].lang]
		}
		return r.pairs
	})
}

func replace(s string, pairsAt func(i int) []pair) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		matched := false
		for _, p := range pairsAt(i) {
			if !strings.HasPrefix(s[i:], p.old) {
				continue
			}
			end := i + len(p.old)
			if p.word != nil && (i > 0 && p.word(s[i-1]) || end < len(s) && p.word(s[end])) {
				continue
			}
			b.WriteString(p.new)
			i = end
			matched = true
			break
		}
		if !matched {
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}

// A region is the text of one language in a YAML file, by byte offsets.
type region struct {
	start, end int
	lang       string
}

// textRegions finds the texts of the languages in a YAML document: the
// value of each key that is a language code, from its start to the start
// of what follows it. A document that cannot be read has none.
func textRegions(src string, langs map[string][]pair) []region {
	var doc yaml.Node
	if yaml.Unmarshal([]byte(src), &doc) != nil {
		return nil
	}
	// The nodes in the order of the text, each with the index after its
	// own nodes.
	var nodes []*yaml.Node
	var after []int
	index := map[*yaml.Node]int{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		i := len(nodes)
		index[n] = i
		nodes = append(nodes, n)
		after = append(after, 0)
		for _, c := range n.Content {
			walk(c)
		}
		after[i] = len(nodes)
	}
	for _, c := range doc.Content {
		walk(c)
	}
	lineStart := []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			lineStart = append(lineStart, i+1)
		}
	}
	offset := func(n *yaml.Node) int { // Line and Column count lines and characters from 1
		if n.Line < 1 || n.Line > len(lineStart) {
			return len(src)
		}
		at := lineStart[n.Line-1]
		for col := 1; col < n.Column && at < len(src) && src[at] != '\n'; col++ {
			_, size := utf8.DecodeRuneInString(src[at:])
			at += size
		}
		return at
	}
	var out []region
	for _, n := range nodes {
		if n.Kind != yaml.MappingNode {
			continue
		}
		for k := 0; k+1 < len(n.Content); k += 2 {
			key := n.Content[k]
			if _, ok := langs[key.Value]; !ok || key.Kind != yaml.ScalarNode {
				continue
			}
			v := index[n.Content[k+1]]
			end := len(src)
			if after[v] < len(nodes) {
				end = offset(nodes[after[v]])
			}
			out = append(out, region{offset(nodes[v]), end, key.Value})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}
