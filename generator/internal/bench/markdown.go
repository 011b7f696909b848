package bench

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The Markdown pages of a synthetic city. Each page is a sequence of
// bilingual blocks; some are always there, the others are added, the same in
// both languages, until the page reaches a length drawn for it:
//
//	city home   300–600 characters (ja), 80–150 words (en)
//	guide       800–1500 characters (ja), 200–350 words (en)

type block struct {
	ja, en   string
	optional bool
}

type span struct{ lo, hi int }

var (
	homeJa, homeEn   = span{300, 600}, span{80, 150}
	guideJa, guideEn = span{800, 1500}, span{200, 350}
)

func jaLen(s string) int { return utf8.RuneCountInString(strings.Join(strings.Fields(s), "")) }
func enLen(s string) int { return len(strings.Fields(s)) }

// compose keeps every required block and adds optional ones, in one random
// order for both languages, while each language stays within its drawn
// target. Japanese carries more characters per idea than English has words,
// so the Japanese page may hold a few more of the optional blocks than the
// English one. Blocks keep their order on the page.
func (c *city) compose(blocks []block, ja, en span) (string, string) {
	t := c.rng.Float64()
	target := func(s span) int { return s.lo + (s.hi-s.lo)/4 + int(t*float64(s.hi-s.lo)*3/4) }
	var opt []int
	for i, b := range blocks {
		if b.optional {
			opt = append(opt, i)
		}
	}
	c.rng.Shuffle(len(opt), func(i, j int) { opt[i], opt[j] = opt[j], opt[i] })
	fill := func(text func(block) string, measure func(string) int, limit int) string {
		keep := make([]bool, len(blocks))
		n := 0
		for i, b := range blocks {
			if !b.optional {
				keep[i] = true
				n += measure(text(b))
			}
		}
		for _, i := range opt {
			if d := measure(text(blocks[i])); n+d <= limit {
				keep[i] = true
				n += d
			}
		}
		var sb strings.Builder
		for i, b := range blocks {
			if keep[i] {
				sb.WriteString(text(b))
			}
		}
		return sb.String()
	}
	return fill(func(b block) string { return b.ja }, jaLen, target(ja)),
		fill(func(b block) string { return b.en }, enLen, target(en))
}

func frontMatter(title, desc string) string {
	return "---\ntitle: " + strconv.Quote(title) + "\ndescription: " + strconv.Quote(desc) + "\n---\n"
}

func req(ja, en string) block { return block{ja: ja, en: en} }
func opt(ja, en string) block { return block{ja: ja, en: en, optional: true} }

func (c *city) procTitle(p proc, lang string) string {
	k := kinds[p.tp.kind]
	if k == nil {
		return p.tp.id
	}
	if lang == "en" {
		return k.titleEn
	}
	return k.titleJa
}

// homePage is content/CITY/_index.LANG.md.
func (c *city) homePage(lang string) string {
	if c.homeJa == "" {
		c.homeJa, c.homeEn = c.makeHome()
	}
	if lang == "en" {
		return c.homeEn
	}
	return c.homeJa
}

// guidePage is content/CITY/PROC.LANG.md for the i-th procedure.
func (c *city) guidePage(i int, lang string) string {
	if c.guides == nil {
		c.guides = make([][2]string, len(c.Procs))
	}
	if c.guides[i][0] == "" {
		c.guides[i][0], c.guides[i][1] = c.makeGuide(i)
	}
	if lang == "en" {
		return c.guides[i][1]
	}
	return c.guides[i][0]
}

func (c *city) makeHome() (string, string) {
	var titlesJa, titlesEn []string
	for _, p := range c.Procs {
		titlesJa = append(titlesJa, c.procTitle(p, "ja"))
		titlesEn = append(titlesEn, strings.ToLower(c.procTitle(p, "en")[:1])+c.procTitle(p, "en")[1:])
	}
	var list block
	for _, p := range c.Procs {
		k := kinds[p.tp.kind]
		forJa, forEn := "", ""
		if k != nil {
			forJa, forEn = "："+k.forJa, ", "+k.forEn
		}
		list.ja += fmt.Sprintf("- [%s](%s.md)%s\n", c.procTitle(p, "ja"), p.tp.id, forJa)
		list.en += fmt.Sprintf("- [%s](%s.md)%s\n", c.procTitle(p, "en"), p.tp.id, forEn)
	}
	o := c.Offices[0]
	h := o.hours()
	whereJa := fmt.Sprintf("電子証明書の手続きは、%s %sで受け付けています。受付時間は%sです。", o.Building.Ja, o.Counter.Ja, h.In(wordsOf("ja")))
	whereEn := fmt.Sprintf("The certificate procedures are handled at the %s, %s. It is open on %s.", o.Building.En, o.Counter.En, strings.ToLower(h.In(wordsOf("en"))))
	if len(c.Offices) > 1 {
		whereJa = fmt.Sprintf("電子証明書の手続きは、%sなど%dか所で受け付けています。", o.Building.Ja, len(c.Offices))
		whereEn = fmt.Sprintf("The certificate procedures are handled at %d places, such as the %s.", len(c.Offices), o.Building.En)
	}
	blocks := []block{
		req(fmt.Sprintf("%s（%s）で、マイナンバーカードの電子証明書の手続きをするときの案内です。手続きごとに、誰が窓口に行くかによって必要な持ち物と来庁の回数をまとめています。\n\n", c.NameJa, c.PrefJa),
			fmt.Sprintf("This is the guide to the My Number Card electronic certificate procedures in %s City, %s. For each procedure it tells you what to bring and how many visits it takes, depending on who goes to the counter.\n\n", c.NameEn, c.PrefEn)),
		req("## 手続きの一覧\n\n", "## Procedures\n\n"),
		list,
		req("\n## 受付の窓口\n\n"+whereJa+"\n\n", "\n## Where to go\n\n"+whereEn+"\n\n"),
	}
	if len(c.Offices) > 1 {
		var l block
		for _, o := range c.Offices {
			l.ja += fmt.Sprintf("- %s %s（%s）\n", o.Building.Ja, o.Counter.Ja, o.hours().In(wordsOf("ja")))
			l.en += fmt.Sprintf("- %s: %s\n", o.Building.En, strings.ToLower(o.hours().In(wordsOf("en"))))
		}
		blocks = append(blocks, l, req("\n", "\n"))
	}
	blocks = append(blocks, req("## 窓口に行く前に\n\n", "## Before you go\n\n"))
	extra := c.rng.Perm(len(cityExtraJa))
	blocks = append(blocks, req(cityExtraJa[extra[0]], cityExtraEn[extra[0]]+" "))
	for _, i := range extra[1:] {
		blocks = append(blocks, opt(cityExtraJa[i], cityExtraEn[i]+" "))
	}
	blocks = append(blocks, req("\n", "\n"))
	ja, en := c.compose(blocks, homeJa, homeEn)
	return frontMatter(c.NameJa, c.NameJa+"での"+strings.Join(titlesJa, "と")+"の案内です。") + ja,
		frontMatter(c.NameEn+" City", "Guides to "+strings.Join(titlesEn, " and ")+" in "+c.NameEn+" City.") + en
}

// guideExtra are paragraphs any guide may carry.
var guideExtra = [][2]string{
	{"持ち物は、窓口に行く人によって変わります。このページの「手続きをする人と持ち物」で、あなたの場合に必要なものを確認してください。", "What to bring depends on who goes to the counter. The section on who can apply lists what each person needs; check yours before you go."},
	{"本人確認書類は、有効期限内の原本が必要です。コピーや、スマートフォンで撮影した画像は使えません。", "ID documents must be originals that have not expired. Photocopies and pictures on a phone are not accepted."},
	{"代理人が手続きをする場合は、本人の意思を確認するための書類が必要です。書類がそろっていないと、その日のうちに手続きできません。", "When a proxy goes, the city needs documents that confirm the holder's wishes. Without them, the procedure cannot be done that day."},
	{"窓口の端末で暗証番号を入力するときは、周りの人に見られないように注意してください。", "When you enter a PIN on the terminal at the counter, make sure that nobody around you can see it."},
	{"電子証明書の手続きは、マイナンバーカードの交付を受けた市区町村の窓口で行います。転入した場合は、新しい住所の市区町村で手続きしてください。", "The procedures are done at the city where you are registered. If you have moved, go to the city of your new address."},
	{"窓口が混み合っているときは、受付までお待ちいただくことがあります。時間に余裕をもってお越しください。", "When the counters are busy you may have to wait before you are served, so leave yourself enough time."},
	{"手続きのあと、コンビニ交付やマイナポータルが使えるようになるまで、少し時間がかかることがあります。", "After the procedure it can take a little while before convenience store certificates and Mynaportal work again."},
	{"15歳未満の方と成年被後見人の方は、法定代理人と一緒に来庁するか、法定代理人が手続きをします。", "Holders under 15 and adult wards come with their legal representative, or the legal representative goes for them."},
}

func (c *city) makeGuide(i int) (string, string) {
	p := c.Procs[i]
	k := kinds[p.tp.kind]
	if k == nil {
		k = kinds["renewal"]
	}
	o := c.Offices[p.Offices[0]]
	sub := func(s, lang string) string {
		if lang == "en" {
			return strings.NewReplacer("{C}", c.NameEn+" City", "{O}", "the "+o.Building.En).Replace(s)
		}
		return strings.NewReplacer("{C}", c.NameJa, "{O}", o.Building.Ja+"の"+o.Counter.Ja).Replace(s)
	}
	list := func(ja, en []string, ordered bool) block {
		var b block
		for j := range ja {
			mj, me := "- ", "- "
			if ordered {
				mj, me = fmt.Sprintf("%d. ", j+1), fmt.Sprintf("%d. ", j+1)
			}
			b.ja += mj + sub(ja[j], "ja") + "\n"
			b.en += me + sub(en[j], "en") + "\n"
		}
		b.ja += "\n"
		b.en += "\n"
		return b
	}
	blocks := []block{
		req(sub(k.introJa, "ja")+"\n\n", sub(k.introEn, "en")+"\n\n"),
		req("## この手続きが必要な方\n\n", "## Who needs this\n\n"),
		list(k.whoJa, k.whoEn, false),
		req("## 手続きの流れ\n\n", "## Steps\n\n"),
		list(k.stepsJa, k.stepsEn, true),
		req("## 窓口と受付時間\n\n", "## Where and when\n\n"),
	}
	var where block
	for _, j := range p.Offices {
		o := c.Offices[j]
		where.ja += fmt.Sprintf("- **%s** %s：%s\n", o.Building.Ja, o.Counter.Ja, o.hours().In(wordsOf("ja")))
		where.en += fmt.Sprintf("- **%s**, %s: %s\n", o.Building.En, o.Counter.En, o.hours().In(wordsOf("en")))
	}
	blocks = append(blocks, where)
	switch {
	case p.Fee == nil:
		blocks = append(blocks, req("\n手数料については、窓口でご確認ください。\n\n", "\nAsk at the counter about any fee.\n\n"))
	case *p.Fee == 0:
		blocks = append(blocks, req("\n手数料は無料です。\n\n", "\nThere is no fee.\n\n"))
	default:
		blocks = append(blocks, req(fmt.Sprintf("\n手数料は%d円です。\n\n", *p.Fee), fmt.Sprintf("\nThe fee is %d yen.\n\n", *p.Fee)))
	}
	blocks = append(blocks, req("## 注意事項\n\n", "## Good to know\n\n"))
	for j := range k.notesJa {
		b := opt("- "+k.notesJa[j]+"\n", "- "+k.notesEn[j]+"\n")
		b.optional = j > 0
		blocks = append(blocks, b)
	}
	blocks = append(blocks, req("\n", "\n"))
	for _, j := range c.rng.Perm(len(guideExtra)) {
		blocks = append(blocks, opt(guideExtra[j][0]+"\n\n", guideExtra[j][1]+"\n\n"))
	}
	blocks = append(blocks, req("## よくある質問\n\n", "## Questions\n\n"))
	for j := range k.faqJa {
		b := opt(fmt.Sprintf("**Q. %s**\nA. %s\n\n", k.faqJa[j][0], k.faqJa[j][1]), fmt.Sprintf("**Q. %s**\nA. %s\n\n", k.faqEn[j][0], k.faqEn[j][1]))
		b.optional = j > 0
		blocks = append(blocks, b)
	}
	// The sibling procedure: the next one of the city.
	sib := c.Procs[(i+1)%len(c.Procs)]
	blocks = append(blocks, req("## 関連する手続き\n\n", "## Related\n\n"),
		req(fmt.Sprintf("[%s](%s.md)のページも、あわせてご覧ください。\n", c.procTitle(sib, "ja"), sib.tp.id),
			fmt.Sprintf("See also [%s](%s.md) in %s City.\n", strings.ToLower(c.procTitle(sib, "en")[:1])+c.procTitle(sib, "en")[1:], sib.tp.id, c.NameEn)))
	ja, en := c.compose(blocks, guideJa, guideEn)
	titleEn := c.procTitle(p, "en")
	return frontMatter(c.NameJa+" "+c.procTitle(p, "ja"), c.NameJa+"で"+c.procTitle(p, "ja")+"をするときの持ち物と窓口の案内です。") + ja,
		frontMatter(titleEn+" in "+c.NameEn, "Who can apply for "+strings.ToLower(titleEn[:1])+titleEn[1:]+" in "+c.NameEn+" City, what to bring, and where to go.") + en
}
