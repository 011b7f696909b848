package furigana

// builtin corrects the dictionary where its reading of a common word is
// wrong in plain modern text (it reads 来られる as 来(きた)られる, 大文字
// as だいもんじ). These hold for every site; a site's glossary wins over
// them. Proper names belong in the site's glossary.yaml, not here.
var builtin = map[string]string{
	"来庁":  "らいちょう", // the dictionary cuts 来|庁 and reads 来 as き
	"来られ": "こられ",   // 来られる: not 来(きた)る
	"大文字": "おおもじ",  // capital letters, not the bonfire
	"日本":  "にほん",   // にっぽん is the dictionary's
	"何を":  "なにを",   // 何 is なん before other words
	"何が":  "なにが",
	"何か":  "なにか",
	"何も":  "なにも",
}

var builtinGlossary = func() *Glossary {
	g := &Glossary{}
	for w, r := range builtin {
		ps, ok := align([]rune(w), []rune(r))
		if !ok {
			panic("furigana: built-in reading does not fit: " + w)
		}
		g.add(&entry{word: []rune(w), parts: ps, builtin: true})
	}
	return g
}()
