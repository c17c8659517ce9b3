"""Emergency concepts that were missing or one phrase thin, in English and other languages.

The concept list is the UKONS 24-hour triage tool's red flags and the oncologic
emergencies (docs/routing.md, "s31-13e"): a fall after which a limb bears no weight, one
calf swollen with redness or heat, vomit like coffee grounds and black stools, diarrhoea
four or more times a day, fever told as hot then cold in turn, having to stop for air
between words, a tongue bitten during jerking, lips blowing up, new bone pain getting
worse with bone metastases. Every wording here was written for this test (not copied
from any suite, nor from the probes the rules were written after); each must get the
emergency reply alone and inside a practical massage question in its own language, and
the near misses (a fall long over, hair loss, both legs swollen in the heat, a fever over
and well now, a breath of fresh air) must not. Patterns-only router: the fast lane.
"""

from __future__ import annotations

from functools import cache

import pytest

from assistant.config import load_settings
from assistant.routing import Router
from assistant.schema import Route

BENIGN = {
    "en": ("We have a massage booked for Friday.", "Should we still go?"),
    "de": ("Wir haben für Freitag eine Massage gebucht.", "Sollen wir trotzdem hingehen?"),
    "fr": ("Nous avons réservé un massage pour vendredi.", "Faut-il quand même y aller ?"),
    "it": ("Abbiamo prenotato un massaggio per venerdì.", "Ci andiamo lo stesso?"),
    "pt": ("Marcamos uma massagem para sexta.", "Ainda podemos ir?"),
    "pl": ("Mamy umówiony masaż na piątek.", "Czy możemy iść?"),
    "ru": ("У нас записан массаж на пятницу.", "Можно ли идти?"),
    "nl": ("We hebben vrijdag een massage gepland.", "Kunnen we nog gaan?"),
    "ro": ("Avem programat un masaj vineri.", "Mai putem merge?"),
    "tr": ("Cuma günü için masaj randevumuz var.", "Yine de gidebilir miyiz?"),
    "ja": ("金曜日にマッサージを予約しています。", "行っても大丈夫ですか。"),
    "ko": ("금요일에 마사지 예약이 있어요.", "그래도 가도 될까요?"),
    "zh": ("我们周五约了按摩。", "还能去吗？"),
    "vi": ("Nhà em có hẹn mát xa vào thứ sáu.", "Vẫn đi được không ạ?"),
    "tl": ("May naka-book kaming masahe sa Biyernes.", "Puwede pa ba kaming pumunta?"),
    "id": ("Kami sudah pesan pijat untuk hari Jumat.", "Apakah masih boleh pergi?"),
    "el": ("Έχουμε κλείσει μασάζ για την Παρασκευή.", "Μπορούμε να πάμε;"),
    "he": ("קבענו עיסוי ליום שישי.", "אפשר עדיין ללכת?"),
    "fa": ("برای جمعه ماساژ رزرو کرده ایم.", "هنوز می توانیم برویم؟"),
    "sw": ("Tumepanga masaji siku ya Ijumaa.", "Bado tunaweza kwenda?"),
    "hi": ("हमने शुक्रवार को मालिश बुक की है।", "क्या फिर भी जा सकते हैं?"),
    "ar": ("لدينا موعد مساج يوم الجمعة.", "هل ما زال بإمكاننا الذهاب؟"),
    "ht": ("Nou gen yon randevou masaj vandredi.", "Èske nou ka toujou ale?"),
}

THIN = [
    # English, told without the clinical name
    (
        "en",
        "fever_on_treatment",
        "I had my chemo on Tuesday and tonight I am roasting one minute and then shivering the "
        "next",
    ),
    ("en", "breathing", "my father has to pause to get his breath after every few words"),
    (
        "en",
        "seizure",
        "my sister went rigid and was shaking, and afterwards we saw she had bitten her tongue",
    ),
    ("en", "allergic_reaction", "right after the new antibiotic drip her lips ballooned"),
    ("en", "clot", "his left leg is suddenly twice as fat as the other one and it hurts"),
    (
        "en",
        "fall_bone_mets",
        "she has bone mets and a sudden pain in her hip that is getting worse and worse",
    ),
    # a fall, then a limb that bears no weight
    (
        "de",
        "fall_injury",
        "Opa ist gestern im Garten gestolpert, er hat Metastasen in den Knochen und kann seitdem "
        "nicht mehr richtig stehen",
    ),
    (
        "it",
        "fall_injury",
        "Mia nonna è scivolata in cucina e da stamattina non riesce più a camminare",
    ),
    (
        "pt",
        "fall_injury",
        "Meu avô escorregou na escada ontem à noite e agora não consegue pisar com o pé direito",
    ),
    (
        "pl",
        "fall_injury",
        "Dziadek poślizgnął się w kuchni wczoraj wieczorem i od rana nie może wstać z łóżka",
    ),
    ("ru", "fall_injury", "Бабушка поскользнулась во дворе вчера вечером и с утра не может встать"),
    (
        "nl",
        "fall_injury",
        "Mijn opa is gisteren in de tuin gestruikeld en kan sinds vanochtend niet meer lopen",
    ),
    (
        "ro",
        "fall_injury",
        "Bunicul a alunecat pe scări aseară și de azi dimineață nu mai poate merge",
    ),
    ("tr", "fall_injury", "Babam dün akşam merdivenden düştü, sabahtan beri ayağa kalkamıyor"),
    ("ja", "fall_injury", "祖母が昨日お風呂場で滑って、今朝から歩けません"),
    ("ko", "fall_injury", "할머니가 어제 화장실에서 미끄러지셨는데 오늘 아침부터 걷지 못하세요"),
    ("zh", "fall_injury", "奶奶昨天在浴室滑倒了，今天早上开始站不起来"),
    ("vi", "fall_injury", "Bà em bị té trong nhà tắm tối qua, sáng nay không đi được"),
    ("tl", "fall_injury", "Natumba si lolo sa hagdan kagabi at ngayon hindi na siya makalakad"),
    (
        "id",
        "fall_injury",
        "Nenek terpeleset di kamar mandi semalam dan pagi ini tidak bisa berjalan",
    ),
    ("el", "fall_injury", "Ο παππούς γλίστρησε στη σκάλα χθες και σήμερα δεν μπορεί να περπατήσει"),
    ("he", "fall_injury", "סבא החליק במקלחת אתמול והיום הוא לא יכול ללכת"),
    ("fa", "fall_injury", "پدربزرگم دیروز زمین خورد و امروز نمی تواند راه برود"),
    ("sw", "fall_injury", "Babu aliteleza bafuni jana na leo hawezi kutembea"),
    ("hi", "fall_injury", "दादी कल बाथरूम में फिसल गईं और आज सुबह से उठ नहीं पा रहीं"),
    # one calf or leg swollen with redness or heat
    ("de", "clot", "Meine linke Wade ist seit gestern viel dicker und ganz heiß"),
    ("tr", "clot", "Annemin sol baldırı dünden beri şişmiş ve kızarmış"),
    ("vi", "clot", "Chân phải của bố em sưng to, đỏ và đau"),
    ("id", "clot", "Betis kiri ibu saya membengkak dan terasa panas"),
    ("el", "clot", "Η δεξιά γάμπα της μητέρας μου είναι πρησμένη από χθες"),
    ("he", "clot", "השוק של אבא שלי נפוחה ואדומה מאתמול"),
    ("fa", "clot", "پای چپ مادرم از دیروز ورم کرده و قرمز شده"),
    ("sw", "clot", "Mguu wa kulia wa baba umevimba na ni mwekundu tangu jana"),
    ("hi", "clot", "माँ का दाहिना पैर कल से सूज गया है और लाल हो गया है"),
    ("ht", "clot", "Janm dwat papa m anfle depi yè, li cho anpil"),
    # vomit like coffee grounds, black stools
    ("id", "bleeding", "Kakek muntah seperti ampas kopi tadi pagi"),
    ("el", "bleeding", "Η γιαγιά έκανε εμετό σαν κατακάθι του καφέ"),
    ("he", "bleeding", "אמא הקיאה משהו שנראה כמו גרגרי קפה"),
    ("fa", "bleeding", "پدرم استفراغ کرد که شبیه تفاله قهوه بود"),
    ("sw", "bleeding", "Bibi anatapika kitu kama kahawa"),
    ("ht", "bleeding", "Granpè m ap vomi yon bagay tankou ma kafe"),
    # diarrhoea four or more times in a day (UKONS)
    ("nl", "dehydration", "Mijn vader heeft vandaag al zes keer diarree gehad"),
    ("ro", "dehydration", "Tata a avut diaree de șase ori de azi dimineață"),
    ("tr", "dehydration", "Annem bugün yedi kez ishal oldu"),
    ("ja", "dehydration", "父は今日下痢が6回ありました"),
    ("ko", "dehydration", "아버지가 오늘 설사를 다섯 번 했어요"),
    ("zh", "dehydration", "我爸今天拉肚子拉了七次"),
    ("vi", "dehydration", "Bố em hôm nay đi ngoài tiêu chảy sáu lần"),
    ("tl", "dehydration", "Nagtatae si tatay nang pitong beses ngayong araw"),
    ("id", "dehydration", "Ayah sudah diare delapan kali sejak pagi"),
]

NOT_EMERGENCIES = [
    (
        "en",
        "my dad's hands shake from the chemo and he bit his tongue at dinner, is a hand "
        "massage ok?",
    ),
    ("en", "my neck is stiff and I bit my tongue yesterday, can I still have my massage?"),
    (
        "en",
        "after the sauna I was sweating and then freezing in the cold pool, I finished chemo "
        "last year, can I book a massage?",
    ),
    (
        "en",
        "I stop for a breath of fresh air on my walk every day, does massage help with fatigue?",
    ),
    ("en", "she bit her tongue by accident while eating, can she still have her facial?"),
    (
        "en",
        "I have bone mets and a new ache from sleeping badly that is already easing, is a gentle "
        "massage fine?",
    ),
    ("en", "my legs are dead after the gym, would a sports massage help?"),
    ("en", "I'm dying to book a massage after my last radiotherapy!"),
    (
        "en",
        "my husband's calf was twice as thick last year with a clot, it was treated and is over, "
        "can he have a leg massage?",
    ),
    (
        "de",
        "Opa ist vor zwei Jahren gestolpert und kann jetzt wieder gut laufen, ist Massage gut "
        "für ihn?",
    ),
    (
        "de",
        "Ich hatte letzten Monat während der Chemo Fieber, inzwischen geht es mir wieder gut. "
        "Hilft Massage?",
    ),
    (
        "fr",
        "J'ai eu de la fièvre le mois dernier pendant la chimio, maintenant je vais bien. Un "
        "massage est-il possible ?",
    ),
    ("pt", "Tive febre no mês passado durante a quimio, agora estou bem. Posso fazer massagem?"),
    (
        "it",
        "Con la chemio ho la caduta dei capelli e non riesco a camminare molto per la "
        "stanchezza, il massaggio aiuta?",
    ),
    (
        "pt",
        "Com a quimio tive queda de cabelo e não consigo andar muito de cansaço, massagem ajuda?",
    ),
    ("tr", "Kemoterapiden sonra ateşi düştü, şimdi iyi. Masaj yaptırabilir mi?"),
    ("tr", "Yazın sıcaktan bacaklarım şişiyor, kemoterapim bitti, masaj olur mu?"),
    ("nl", "Ik heb vorige maand twee keer diarree gehad, nu gaat het goed, mag ik een massage?"),
    ("id", "kedua kaki saya bengkak kalau cuaca panas, boleh dipijat?"),
    ("vi", "hai chân em hơi sưng khi trời nóng, có mát xa được không"),
    (
        "fa",
        "بعد از شیمی درمانی اتفاقی افتاد و خیلی خسته شدم، نمی توانم زیاد راه بروم، ماساژ کمک می "
        "کند؟",
    ),
    ("el", "είχα πτώση μαλλιών από τη χημειοθεραπεία και δεν μπορώ να συνηθίσω, βοηθάει το μασάζ;"),
    ("ko", "일 년이 넘어서 항암이 끝났고 이제 잘 걸어요. 마사지 받아도 되나요?"),
    ("zh", "化疗后血小板跌了，但是能走能吃，可以按摩吗"),
]


# The thirteenth set's train misses read as classes (s31-13e step 3): blood in the urine
# and bruises that come without a knock (UKONS bleeding), and a limb crooked, hanging or
# badly swollen after a fall. Own wordings, neither the cases' nor the probes'.
TRAIN_CLASSES = [
    ("en", "bleeding", "my mum's urine has looked full of blood since lunch"),
    ("en", "bleeding", "he is passing blood when he goes to the toilet to wee"),
    (
        "en",
        "fall_bone_mets",
        "grandad tripped on the rug and now his arm is hanging limp, he has myeloma",
    ),
    ("tr", "bleeding", "Kocamın çişinde kan görüyorum"),
    ("tr", "bleeding", "Kızımın kollarında kendiliğinden morluklar oluşuyor"),
    ("tr", "fall_injury", "Babam merdivenden düştü ve bileği yamuk duruyor"),
    ("de", "bleeding", "Opa hat seit gestern blutigen Urin"),
    ("de", "bleeding", "Bei meinem Vater entstehen blaue Flecken einfach so"),
    ("de", "fall_injury", "Mama ist ausgerutscht und ihr Arm ist ganz verdreht"),
    ("fr", "bleeding", "Ma fille a des bleus de nulle part depuis la chimio"),
    ("fr", "fall_injury", "Ma grand-mère a glissé et sa cheville est déformée"),
    ("it", "bleeding", "Nella pipì di mia madre c'è sangue"),
    ("it", "bleeding", "A mio marito vengono lividi dal nulla"),
    ("it", "fall_injury", "La nonna è caduta e la caviglia è tutta storta"),
    ("pt", "bleeding", "Meu pai está urinando sangue"),
    ("pt", "bleeding", "Minha mãe tem hematomas sem motivo"),
    ("pt", "fall_injury", "Vovô caiu e a perna ficou torta"),
    ("pl", "bleeding", "W moczu mamy jest krew"),
    ("pl", "bleeding", "Mama ma siniaki nie wiadomo skąd"),
    ("pl", "fall_injury", "Dziadek się przewrócił i noga jest wykrzywiona"),
    ("ru", "bleeding", "Папа писает кровью"),
    ("ru", "bleeding", "У дочки появляются синяки сами по себе"),
    ("ru", "fall_injury", "Дедушка поскользнулся, рука неестественно висит"),
    ("nl", "bleeding", "Mijn moeder heeft bloed in haar urine"),
    ("nl", "bleeding", "Mijn vader krijgt zomaar blauwe plekken"),
    ("nl", "fall_injury", "Opa is uitgegleden en zijn arm staat krom"),
    ("ro", "bleeding", "În urina tatei este sânge"),
    ("ro", "fall_injury", "Mama a alunecat și glezna e deformată"),
    ("vi", "bleeding", "Ông em tiểu ra máu"),
    ("id", "bleeding", "air kencing nenek berdarah"),
    ("el", "bleeding", "Η μητέρα μου έχει αίμα στα ούρα"),
    ("he", "bleeding", "לאמא שלי יש דם בשתן"),
    ("fa", "bleeding", "شاش پدرم خون دارد"),
    ("sw", "bleeding", "mkojo wa bibi una damu"),
    ("ar", "bleeding", "بول أمي فيه دم"),
    ("ja", "fall_injury", "祖父が転倒して足首が変形しています"),
    ("ko", "fall_injury", "아빠가 미끄러져서 발목이 꺾였어요"),
]

NOT_EMERGENCIES_TRAIN_CLASSES = [
    ("en", "my pee smells strong since the chemo, is a massage ok?"),
    (
        "en",
        "there was a tiny bit of blood in my wee a year ago from an infection; it is cleared, "
        "can I have a massage?",
    ),
    ("de", "Ich habe blaue Flecken, weil ich mich am Tisch gestoßen habe. Darf ich zur Massage?"),
    ("fr", "Je suis tombée malade cet hiver et j'ai très mal à la gorge, un massage aide-t-il ?"),
    ("ru", "У папы упал гемоглобин, сильно болит голова, можно ли ему массаж?"),
    ("it", "La caduta dei capelli mi fa malissimo al morale, un massaggio aiuta?"),
    ("pl", "Mam siniaki po pobraniu krwi, czy mogę iść na masaż?"),
    ("tr", "Kemoterapi bitti, kolumda iğneden morluk var, masaj olur mu?"),
    ("nl", "Ik ben gevallen voor mijn masseur, haha, hij is geweldig"),
]


# s32-14s: the classes of the fourteenth set's misses, each concept in new words (not the
# set's, nor the probes'), told by the person or by someone else: a body hot like fire on
# treatment; a crack or snap in a bone with metastases; an arm by a port or line swollen
# and gone purple or blue; morphine typed as in other languages ("morfine").
FOURTEENTH_SET_CLASSES = [
    (
        "en",
        "fever_on_treatment",
        "My uncle finished a chemo cycle on Tuesday and tonight his forehead is burning hot",
    ),
    ("en", "fever_on_treatment", "I'm on chemo and my body feels very hot, like an oven inside"),
    (
        "en",
        "fever_on_treatment",
        "She started chemotherapy last week and since morning she is hot as fire",
    ),
    (
        "en",
        "fall_bone_mets",
        "Mum has bone metastases and she felt a sudden snap in her upper arm lifting the kettle",
    ),
    ("en", "fall_bone_mets", "I have bone mets and heard a loud crack in my ribs when I coughed"),
    ("en", "clot", "Her arm on the side of the PICC is swollen and bluish"),
    ("en", "clot", "my husband's port arm has gone puffy and dusky since lunch"),
    ("en", "overdose", "I think I took too much morfine an hour ago and I can't stay awake"),
    # the twelfth set's fever left open: a Fahrenheit reading told bare, "kinda hot and shaky"
    (
        "en",
        "high_fever",
        "Maybe I'm overreacting, 10 days post cycle, kinda hot and shaky, it read 101.2 just now",
    ),
]
NOT_EMERGENCIES_FOURTEENTH_SET = [
    ("en", "I'm on chemo and my body is hot after the hot stone massage, is that normal?"),
    ("en", "The sauna was hot like fire, is that ok after radiotherapy?"),
    ("en", "My knuckles crack when I make a fist; I have bone mets in my spine, is that ok?"),
    ("en", "I have a blue bruise on my arm from the blood test, a bit swollen, is massage ok?"),
    ("en", "Is it safe to have a massage while I am taking morfine for the pain?"),
    ("en", "My husband weighs 100.6 kg after chemo, is a massage ok?"),
    (
        "en",
        "My chest felt tight for a second on the table, it was only the bolster, I moved and it"
        " was fine. Can I book again?",
    ),
]


@cache
def router() -> Router:
    return Router(load_settings(_env_file=None), None)


def inside_a_massage_question(language: str, message: str) -> str:
    before, after = BENIGN[language]
    return f"{before} {message}. {after}"


@pytest.mark.parametrize(
    ("language", "concept", "message"), THIN + TRAIN_CLASSES + FOURTEENTH_SET_CLASSES
)
@pytest.mark.parametrize("inside", [False, True], ids=["alone", "inside a massage question"])
def test_a_thin_concept_gets_the_emergency_reply(
    language: str, concept: str, message: str, inside: bool
) -> None:
    text = inside_a_massage_question(language, message) if inside else message
    decision = router().route([], text)
    assert decision.route is Route.EMERGENCY, decision.reason


@pytest.mark.parametrize(
    ("language", "concept", "message"),
    [c for c in THIN + TRAIN_CLASSES + FOURTEENTH_SET_CLASSES if c[0] == "en"],
)
def test_the_english_detail_names_the_concept(language: str, concept: str, message: str) -> None:
    assert router().route([], message).detail == concept


@pytest.mark.parametrize(
    ("language", "message"),
    NOT_EMERGENCIES + NOT_EMERGENCIES_TRAIN_CLASSES + NOT_EMERGENCIES_FOURTEENTH_SET,
)
def test_near_misses_are_not_emergencies(language: str, message: str) -> None:
    decision = router().route([], message)
    assert decision.route not in (Route.EMERGENCY, Route.CRISIS), decision.reason


def test_every_language_with_a_case_has_a_massage_question() -> None:
    near = NOT_EMERGENCIES + NOT_EMERGENCIES_TRAIN_CLASSES
    assert {c[0] for c in THIN + TRAIN_CLASSES} | {c[0] for c in near} <= set(BENIGN)
