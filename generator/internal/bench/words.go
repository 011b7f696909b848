package bench

// Word lists the synthetic cities are made from. Names are made up by
// joining two common place-name elements, the way many real names are formed
// (北 + 川 = 北川), so they read as plausible without being real cities.

type part struct{ ja, ro string }

var namePrefixes = []part{
	{"桜", "Sakura"}, {"松", "Matsu"}, {"竹", "Take"}, {"梅", "Ume"}, {"高", "Taka"},
	{"北", "Kita"}, {"南", "Minami"}, {"東", "Higashi"}, {"西", "Nishi"}, {"中", "Naka"},
	{"上", "Kami"}, {"下", "Shimo"}, {"大", "O"}, {"小", "Ko"}, {"新", "Shin"},
	{"本", "Moto"}, {"岩", "Iwa"}, {"石", "Ishi"}, {"森", "Mori"}, {"長", "Naga"},
	{"白", "Shira"}, {"青", "Ao"}, {"赤", "Aka"}, {"黒", "Kuro"}, {"若", "Waka"},
	{"藤", "Fuji"}, {"富", "Tomi"}, {"福", "Fuku"}, {"豊", "Toyo"}, {"広", "Hiro"},
	{"宮", "Miya"}, {"千", "Chi"}, {"八", "Ya"}, {"三", "Mi"}, {"朝", "Asa"},
	{"日", "Hi"}, {"星", "Hoshi"}, {"鶴", "Tsuru"}, {"亀", "Kame"}, {"湯", "Yu"},
	{"玉", "Tama"}, {"秋", "Aki"}, {"春", "Haru"}, {"金", "Kana"}, {"清", "Kiyo"},
	{"吉", "Yoshi"}, {"桑", "Kuwa"}, {"菊", "Kiku"}, {"柳", "Yanagi"}, {"杉", "Sugi"},
	{"芦", "Ashi"}, {"相", "Ai"}, {"早", "Haya"}, {"久", "Hisa"},
}

var nameSuffixes = []part{
	{"川", "kawa"}, {"山", "yama"}, {"田", "ta"}, {"原", "hara"}, {"野", "no"},
	{"沢", "sawa"}, {"崎", "saki"}, {"島", "shima"}, {"浜", "hama"}, {"瀬", "se"},
	{"谷", "ya"}, {"岡", "oka"}, {"井", "i"}, {"木", "ki"}, {"津", "tsu"},
	{"浦", "ura"}, {"倉", "kura"}, {"里", "sato"}, {"根", "ne"}, {"坂", "saka"},
	{"見", "mi"}, {"尾", "o"}, {"江", "e"}, {"部", "be"}, {"城", "shiro"},
	{"台", "dai"}, {"橋", "hashi"}, {"畑", "hata"}, {"塚", "tsuka"}, {"内", "uchi"},
	{"泉", "izumi"}, {"関", "seki"}, {"滝", "taki"}, {"作", "saku"}, {"戸", "to"},
	{"平", "hira"}, {"宿", "juku"}, {"町", "machi"},
}

var prefectures = []part{
	{"北海道", "Hokkaido"}, {"青森県", "Aomori"}, {"岩手県", "Iwate"}, {"宮城県", "Miyagi"},
	{"秋田県", "Akita"}, {"山形県", "Yamagata"}, {"福島県", "Fukushima"}, {"茨城県", "Ibaraki"},
	{"栃木県", "Tochigi"}, {"群馬県", "Gunma"}, {"埼玉県", "Saitama"}, {"千葉県", "Chiba"},
	{"東京都", "Tokyo"}, {"神奈川県", "Kanagawa"}, {"新潟県", "Niigata"}, {"富山県", "Toyama"},
	{"石川県", "Ishikawa"}, {"福井県", "Fukui"}, {"山梨県", "Yamanashi"}, {"長野県", "Nagano"},
	{"岐阜県", "Gifu"}, {"静岡県", "Shizuoka"}, {"愛知県", "Aichi"}, {"三重県", "Mie"},
	{"滋賀県", "Shiga"}, {"京都府", "Kyoto"}, {"大阪府", "Osaka"}, {"兵庫県", "Hyogo"},
	{"奈良県", "Nara"}, {"和歌山県", "Wakayama"}, {"鳥取県", "Tottori"}, {"島根県", "Shimane"},
	{"岡山県", "Okayama"}, {"広島県", "Hiroshima"}, {"山口県", "Yamaguchi"}, {"徳島県", "Tokushima"},
	{"香川県", "Kagawa"}, {"愛媛県", "Ehime"}, {"高知県", "Kochi"}, {"福岡県", "Fukuoka"},
	{"佐賀県", "Saga"}, {"長崎県", "Nagasaki"}, {"熊本県", "Kumamoto"}, {"大分県", "Oita"},
	{"宮崎県", "Miyazaki"}, {"鹿児島県", "Kagoshima"}, {"沖縄県", "Okinawa"},
}

// buildingKind is a kind of office building: {P} and {PE} are a place name in
// Japanese and English, {C} and {CE} the city's name, {p} the place as an ID.
type buildingKind struct {
	ja, en, id string
}

var buildingKinds = []buildingKind{
	{"{P}庁舎", "{PE} Government Building ({P}庁舎)", "{p}"},
	{"{P}支所", "{PE} Branch Office ({P}支所)", "{p}_branch"},
	{"{P}市民センター", "{PE} Community Centre ({P}市民センター)", "{p}_centre"},
	{"{P}行政センター", "{PE} Administrative Centre ({P}行政センター)", "{p}_admin"},
	{"{P}出張所", "{PE} Service Office ({P}出張所)", "{p}_office"},
}

var mainBuildings = []buildingKind{
	{"{C}役所", "{CE} City Hall ({C}役所)", "city_hall"},
	{"{C}役所本庁舎", "{CE} City Hall, main building ({C}役所本庁舎)", "main"},
	{"本庁舎", "Main Government Building (本庁舎)", "honcho"},
}

var counters = []part{
	{"市民課", "Citizens Division (市民課)"},
	{"総合窓口課", "General Service Counter Division (総合窓口課)"},
	{"住民課", "Residents Division (住民課)"},
	{"市民窓口課", "Citizen Services Counter Division (市民窓口課)"},
	{"戸籍住民課", "Family Register and Residents Division (戸籍住民課)"},
	{"窓口サービス課", "Counter Services Division (窓口サービス課)"},
	{"地域振興課", "Community Affairs Division (地域振興課)"},
	{"市民生活課", "Civic Life Division (市民生活課)"},
}

var officeNotes = []part{
	{"駐車場は庁舎の北側にあります。", "The car park is on the north side of the building."},
	{"各市民センターでは取り扱っていません。", "The community centres (市民センター) do not handle this procedure."},
	{"月曜日の午前中と月末は混み合います。", "Monday mornings and the end of the month are busy."},
	{"受付は終了時刻の30分前までにお越しください。", "Please arrive at least 30 minutes before closing."},
	{"2階の窓口です。エレベーターをご利用いただけます。", "The counter is on the 2nd floor; there is a lift."},
	{"土日・祝日と年末年始は閉庁しています。", "Closed on weekends, public holidays and over the New Year."},
}

var openTimes = []string{"08:30", "08:30", "08:30", "08:45", "09:00"}
var closeTimes = []string{"17:00", "17:00", "17:15", "17:30", "16:30"}

var departments = []part{
	{"市民生活部", "Civic Life Department (市民生活部)"},
	{"市民部", "Citizens Department (市民部)"},
	{"地域振興部", "Community Development Department (地域振興部)"},
	{"総務部", "General Affairs Department (総務部)"},
}

// docSuffixes vary the wording of a city's documents. They are appended, so
// every phrase a rule test looks for stays in the text.
var docSuffixes = []part{
	{"", ""},
	{"", ""},
	{"（原本に限ります）", " (originals only)"},
	{"（コピーは不可）", " (photocopies are not accepted)"},
	{"（有効期限内のもの）", ", still valid"},
	{"をお持ちください", ", to be shown at the counter"},
}

var noticeSuffixes = []part{
	{"", ""},
	{"", ""},
	{"詳しくは窓口でお尋ねください。", " Ask at the counter for details."},
	{"ご不明な点は担当窓口にお問い合わせください。", " If anything is unclear, ask the counter in charge."},
}

// kindText is the prose of one kind of procedure, in both languages.
type kindText struct {
	titleJa, titleEn string
	whoJa, whoEn     []string
	stepsJa, stepsEn []string
	notesJa, notesEn []string
	faqJa, faqEn     [][2]string
	introJa, introEn string
	forJa, forEn     string // the one-line "for whom" of the city page list
}

var kinds = map[string]*kindText{
	"renewal": {
		titleJa: "電子証明書の更新",
		titleEn: "Renewing the electronic certificates",
		forJa:   "有効期限が近づいた、または過ぎた方",
		forEn:   "for certificates that expire soon or have expired",
		introJa: "マイナンバーカードの電子証明書には有効期限があり、期限が近づくと更新の手続きが必要になります。{C}では、{O}で更新を受け付けています。窓口に行く人によって持ち物と来庁の回数が変わるので、出かける前に確認してください。",
		introEn: "The electronic certificates on the My Number Card expire, and must be renewed when the date comes near. In {C} the renewal is done at {O}. What to bring and how many visits it takes depend on who goes to the counter, so check before you go.",
		whoJa: []string{
			"電子証明書の有効期限まで3か月を切った方",
			"電子証明書の有効期限が過ぎてしまった方",
			"J-LISから有効期限のお知らせが届いた方",
			"{C}に住民登録がある方",
		},
		whoEn: []string{
			"holders whose certificates expire in less than 3 months",
			"holders whose certificates have already expired",
			"holders who received the expiry notice from J-LIS",
			"residents registered in {C}",
		},
		stepsJa: []string{
			"有効期限のお知らせと、マイナンバーカードを用意します。",
			"窓口で申請書に記入します。代理人の場合は照会書兼回答書も用意します。",
			"窓口の端末で暗証番号を入力します。",
			"新しい電子証明書がカードに書き込まれたら、手続きは終わりです。",
		},
		stepsEn: []string{
			"Have the expiry notice and the My Number Card ready.",
			"Fill in the application form at the counter; a proxy also brings the inquiry and answer form.",
			"Enter the PINs on the terminal at the counter.",
			"Once the new certificates are written to the card, you are done.",
		},
		notesJa: []string{
			"更新の手続きは、有効期限の3か月前から受け付けています。",
			"有効期限が過ぎても、マイナンバーカードは本人確認書類として使えます。",
			"手続きには20分から30分ほどかかります。",
			"暗証番号を忘れた場合は、先に暗証番号の再設定が必要です。",
			"代理人が手続きをする場合は、その日のうちに終わらないことがあります。",
		},
		notesEn: []string{
			"Renewal opens 3 months before the expiry date.",
			"Even after the certificates expire, the card is still valid as photo ID.",
			"The procedure takes about 20 to 30 minutes.",
			"If you have forgotten a PIN, it has to be reset first.",
			"When a proxy applies, the renewal may not be finished on the same day.",
		},
		faqJa: [][2]string{
			{"有効期限はどこで確認できますか。", "J-LISから届くお知らせに書かれています。マイナポータルでも確認できます。"},
			{"更新に手数料はかかりますか。", "電子証明書の更新には、原則として手数料はかかりません。"},
			{"家族の分をまとめて手続きできますか。", "できますが、代理人としての手続きになるため、一人ずつ必要な書類がそろっている必要があります。"},
			{"仕事で平日に行けません。", "代理人に頼むこともできます。代理人の場合の持ち物を確認してください。"},
		},
		faqEn: [][2]string{
			{"Where can I see the expiry date?", "It is printed on the notice from J-LIS, and shown on Mynaportal."},
			{"Is there a fee?", "As a rule, renewing the certificates is free of charge."},
			{"Can I renew for my whole family at once?", "Yes, but you apply as a proxy, so each person's documents must be complete."},
			{"I cannot come on a weekday.", "You can ask a proxy to go; check what a proxy must bring."},
		},
	},
	"pin_reset": {
		titleJa: "暗証番号の再設定",
		titleEn: "Resetting a PIN",
		forJa:   "暗証番号を忘れた、またはロックされた方",
		forEn:   "for a forgotten or locked PIN",
		introJa: "電子証明書の暗証番号を忘れたときや、続けて間違えて使えなくなったときは、暗証番号の再設定が必要です。{C}では、{O}で受け付けています。本人が来られない場合は代理人でも手続きできますが、来庁が2回必要になります。",
		introEn: "If you have forgotten a certificate PIN, or entered it wrongly too many times, the PIN must be reset. In {C} this is done at {O}. A proxy can go instead of the holder, but then two visits are needed.",
		whoJa: []string{
			"暗証番号を忘れてしまった方",
			"暗証番号を続けて間違えてロックされた方",
			"コンビニ交付やマイナポータルにログインできなくなった方",
		},
		whoEn: []string{
			"holders who have forgotten a PIN",
			"holders whose PIN is locked after wrong tries",
			"holders who can no longer use convenience store certificates or log in to Mynaportal",
		},
		stepsJa: []string{
			"マイナンバーカードと本人確認書類を用意します。",
			"窓口で再設定の申請書に記入します。",
			"窓口の端末で新しい暗証番号を設定します。",
		},
		stepsEn: []string{
			"Have the My Number Card and an ID ready.",
			"Fill in the reset form at the counter.",
			"Set the new PIN on the terminal at the counter.",
		},
		notesJa: []string{
			"署名用電子証明書の暗証番号は、英数字6～16桁です。",
			"利用者証明用電子証明書の暗証番号は、数字4桁です。",
			"コンビニなどに設置された端末で再設定できる場合もあります。",
			"新しい暗証番号は、他の人に知られないように管理してください。",
		},
		notesEn: []string{
			"The signature certificate PIN has 6 to 16 letters and digits.",
			"The user certificate PIN has 4 digits.",
			"Some PINs can also be reset on terminals in convenience stores.",
			"Keep the new PIN where nobody else can see it.",
		},
		faqJa: [][2]string{
			{"何回間違えるとロックされますか。", "署名用電子証明書は5回、利用者証明用電子証明書は3回続けて間違えるとロックされます。"},
			{"ロックは時間がたてば解除されますか。", "解除されません。窓口で再設定の手続きが必要です。"},
			{"手数料はかかりますか。", "暗証番号の再設定に手数料はかかりません。"},
		},
		faqEn: [][2]string{
			{"How many wrong tries lock a PIN?", "Five in a row for the signature certificate, three for the user certificate."},
			{"Does the lock go away by itself?", "No. The PIN has to be reset at the counter."},
			{"Is there a fee?", "Resetting a PIN is free of charge."},
		},
	},
	"issuance": {
		titleJa: "電子証明書の発行",
		titleEn: "Getting electronic certificates issued",
		forJa:   "カードに有効な電子証明書が入っていない方",
		forEn:   "for a card without valid certificates",
		introJa: "マイナンバーカードに有効な電子証明書が入っていない方は、電子証明書の発行を申請できます。{C}では、{O}で受け付けています。本人が申請すればその日のうちに発行できますが、代理人の場合は来庁が2回必要です。",
		introEn: "If your My Number Card has no valid electronic certificate, you can apply to have certificates issued. In {C} this is done at {O}. When the holder applies, they are issued on the same day; a proxy needs two visits.",
		whoJa: []string{
			"カードを受け取るときに電子証明書を発行しなかった方",
			"電子証明書を失効させた方",
			"{C}に住民登録がある方",
		},
		whoEn: []string{
			"holders who did not have certificates put on the card when they received it",
			"holders whose certificates were revoked",
			"residents registered in {C}",
		},
		stepsJa: []string{
			"マイナンバーカードを用意します。",
			"窓口で発行の申請書に記入します。",
			"窓口の端末で暗証番号を設定します。",
			"電子証明書がカードに書き込まれたら、手続きは終わりです。",
		},
		stepsEn: []string{
			"Have the My Number Card ready.",
			"Fill in the application form at the counter.",
			"Set the PINs on the terminal at the counter.",
			"Once the certificates are written to the card, you are done.",
		},
		notesJa: []string{
			"15歳未満の方には、原則として署名用電子証明書は発行されません。",
			"以前に設定した暗証番号を覚えている場合は、その番号を使います。",
			"手続きには30分ほどかかります。",
		},
		notesEn: []string{
			"As a rule, the signature certificate is not issued to holders under 15.",
			"If you remember PINs you set before, you use them again.",
			"The procedure takes about 30 minutes.",
		},
		faqJa: [][2]string{
			{"発行に手数料はかかりますか。", "電子証明書の発行には、原則として手数料はかかりません。"},
			{"代理人に頼めますか。", "頼めますが、本人あてに照会書兼回答書が郵送されるため、来庁が2回必要です。"},
			{"有効期限はいつまでですか。", "発行の日の後に迎える5回目の誕生日までです。"},
		},
		faqEn: [][2]string{
			{"Is there a fee?", "As a rule, having the certificates issued is free of charge."},
			{"Can a proxy apply?", "Yes, but the form is mailed to the holder, so two visits are needed."},
			{"How long are the certificates valid?", "Until the holder's fifth birthday after the day they are issued."},
		},
	},
}

// Extra sentences for the city home pages.
var cityExtraJa = []string{
	"窓口は月曜日の午前中と月末が混み合います。時間に余裕をもってお越しください。",
	"本人確認書類は、有効期限内の原本をお持ちください。コピーは受け付けられません。",
	"代理人が手続きをする場合は、必要な書類が増えます。手続きごとのページで確認してください。",
	"庁舎の駐車場には限りがあります。できるだけ公共交通機関をご利用ください。",
	"手続きには30分ほどかかることがあります。",
	"このページの内容は、市の公式のお知らせをもとにまとめたものです。",
}

var cityExtraEn = []string{
	"Monday mornings and the end of the month are busy at the counters.",
	"Bring original ID documents that have not expired; copies are not accepted.",
	"A proxy needs more documents than the holder; each guide lists them.",
	"Parking at the buildings is limited, so public transport is easier.",
	"A procedure can take about 30 minutes.",
	"This page restates the city's official notices.",
}
