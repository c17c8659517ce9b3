"""Spanish red flags: the same emergency, crisis and abuse concepts, in Spanish as people write it.

The English ``normalise`` would mangle Spanish ("ya" -> "you", typo fixes towards
English words), so these patterns run on their own form of the message as typed:
``fold`` (no accents, lower case, no invisible characters or look-alike letters,
"38,5" -> "38.5") plus a few texting forms ("q" -> "que", "xq" -> "porque") and the
correction of near-miss typos of the longer safety words (``FUZZY_VOCABULARY``).
Both vocabularies run on every message, whatever language it seems to be in.

Sources as for the English vocabulary (docs/routing.md, "Red-flag vocabulary and
its sources"): UKONS 24-hour triage red flags and the oncologic emergencies, the
Columbia (C-SSRS) screener, and abuse screening (HITS, elder abuse, domestic
violence hotline guidance); the wordings are those of Spanish-language patient
information (fiebre con quimioterapia, falta de aire, "ya no quiero vivir").
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from ..schema import Route
from .normalise import _transposed, fold


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


_PUNCTUATION = re.compile(r"[¿?¡!;:()\"“”«»…]+|(?<!\d)[.,]|[.,](?!\d)")
_TEMPERATURE_COMMA = re.compile(r"\b(3[4-9]|4[0-2]),(\d)\b")
_TOKEN_MAP = {
    "q": "que",
    "k": "que",
    "xq": "porque",
    "pq": "porque",
    "porq": "porque",
    "xfa": "por favor",
    "tb": "tambien",
    "tmb": "tambien",
    "d": "de",
    "toy": "estoy",
    "ta": "esta",
    "pa": "para",
    "kiero": "quiero",
    "kero": "quiero",
    "qiero": "quiero",
    "kiere": "quiere",
    "kieres": "quieres",
    "kisiera": "quisiera",
}
FUZZY_VOCABULARY = frozenset(
    """
respirar respiro respiracion escalofrios temblores temperatura calentura sangrado sangrando
sangrar hemorragia vomitando vomitado convulsion convulsiones convulsionando desmayo desmayado
desmayada desmayo confundida confundido desorientada desorientado adormilada adormilado
inconsciente hinchado hinchada hinchando hinchazon metastasis quimioterapia quimio matarme matarse
suicidarme suicidarse suicidio morirme morirse despertar ambulancia urgencias emergencias
pastillas cortarme cortando lastimarme lastima golpea golpeando empuja amenaza amenazando
maltrata maltrato violencia piernas pierna orinar brazos munecas muneca muslos fiebre
muchisimo viviendo vivir quitar regresar seguir volver
""".split()
)
"""Spanish words whose near-miss typos are corrected (same first letter, about one edit)."""
PROTECTED_WORDS = frozenset(
    """
respeto respetar respira espirar despeinar desperdiciar sangria hinchas piernitas
hinchan hincharon matarte matarlo matarla morirte temporada tempranas temperar convencion conversion
confundir confundo despertador pastelitos pastilla cortina cortada cortado cortar cortamos
lastimo golpe golpes empujar amenazas violenta orinal brazo braso dolores fiebres
pechos color calor valor doler
amenazador amenazar calenturosa coartado convulsionar convulsivo convulso cortador desertar
desmanada desmanado desordenada desordenado desorientador desorientadora desorientar despedrar
desperar despernar despierta dispertar emergencia escalofriado escalofrio golpeado golpeador
golpear inconsecuente inconsistente lastimar lastimera lastimosa maltratar mueca muslo ordinar
orina ornar patilla perna quimico quimo respigar respirador sagrado sagrar sangrador sangredo
temblor urgencia vinolencia vitando vomitada vomitador vomitadora
quietar quintar quita reingresar represar segur vivienda
temperature temperatures convulsions hemorrhage violence respiration ambulance emergencies
""".split()
)
"""Also English words one edit from the vocabulary ("temperature" is not "temperatura"), so
an English message never reaches the Spanish patterns, which know nothing of English
negation or of "call if it goes above 38"."""


@lru_cache(maxsize=4096)
def _correct(token: str) -> str:
    if len(token) < 5 or not token.isalpha() or token in FUZZY_VOCABULARY:
        return token
    if token in PROTECTED_WORDS:
        return token
    candidates = [w for w in FUZZY_VOCABULARY if w[0] == token[0] and abs(len(w) - len(token)) <= 2]
    for word in candidates:
        if len(word) == len(token) and _transposed(token, word):
            return word
    match = difflib.get_close_matches(token, candidates, n=1, cutoff=0.86)
    return match[0] if match else token


def spanish_form(raw: str) -> str:
    """The message for the Spanish patterns: folded, punctuation as " . ", texting expanded."""
    text = _TEMPERATURE_COMMA.sub(r"\1.\2", fold(raw))
    text = _PUNCTUATION.sub(" . ", text)
    text = re.sub(r"[^a-z0-9.\s]", " ", text)
    tokens = []
    for token in text.split():
        mapped = _TOKEN_MAP.get(token)
        tokens.append(mapped if mapped is not None else _correct(token))
    return " ".join(tokens)


AGENT = (
    r"(?:esposo|marido|pareja|novio|novia|esposa|mujer|hijo|hija|yerno|nuera|cuidador|cuidadora|"
    r"enfermera|enfermero|padre|madre|papa|mama|padrastro|madrastra|hermano|hermana|el|ella|ex|"
    r"nieto|nieta|cunado|cunada|suegro|suegra)"
)

CRISIS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "suicidal_thoughts",
        _any(
            r"\bsuicid(?:io|ios|arme|arse|arte|a|as|ado|ada|andome|andose|aria)\b",
            r"\b(?:me|se|te) (?:quiero|quiere|queria|quisiera|voy|va|vas|iba|iban|pienso|piensa|"
            r"penso|pense|estoy pensando en|esta pensando en)(?: a)? (?:matar|suicidar|quitar la "
            r"vida|ahorcar|colgar)\b",
            r"\b(?:quiero|quiere|queria|quisiera|voy a|va a|iba a|pienso|piensa|pense|penso|"
            r"pensando en|planeo|planea|ganas de|tengo ganas de|tiene ganas de) (?:\w+ ){0,2}"
            r"(?:matarme|matarse|suicidarme|suicidarse|quitarme la vida|quitarse la vida|acabar "
            r"con (?:mi|su) vida|terminar con (?:mi|su) vida|acabar con todo|terminar con todo)\b",
            r"\bme (?:mato|matare|suicido)\b(?! (?:trabajando|estudiando|de risa))",
            r"\bse (?:matara|suicida|suicidara)\b",
        ),
    ),
    (
        "wish_to_die",
        _any(
            r"\b(?:quiero|quiere|queria|quisiera|ojala|desearia|deseo|prefiero|preferiria) "
            r"(?:\w+ ){0,2}(?:morir|morirme|morirse|estar muert[oa]|no despertar|no haber nacido|"
            r"desaparecer|dormir y no despertar|irme para siempre)\b",
            r"\b(?:seria|es|estaria|sera) (?:mucho )?(?:mejor|mas facil) (?:\w+ ){0,2}(?:no "
            r"despertar|morir|morirme|estar muert[oa]|desaparecer|"
            r"si (?:yo |el |ella )?(?:ya )?(?:no estuviera|no estuviese|no existiera|me muero|"
            r"muriera|desapareciera|no despierto|"
            r"no despertara))\b",
            r"\b(?:estarian|estaran|estarias|estaria|vivirian|seria) (?:\w+ )?mejor sin mi\b",
            r"\bmejor (?:ya )?(?:me|se) (?:muero|muere|muera|muriera|moria|fuera de este mundo)\b",
            r"\b(?:dormir|dormirme) y no (?:volver a )?despertar\b",
            # s31-13c: a wish told as a condition ("si me duermo y no despierto"), not a
            # missed alarm ("...a tiempo para la cita")
            r"\bsi (?:me|se) (?:duermo|duerme|durmiera|durmiese) y (?:ya )?no (?:me |se )?"
            r"(?:despierto|despierta|despertara|despertase|vuelvo a despertar)\b(?! (?:a tiempo|"
            r"para|temprano|hasta|con el|con la|a la|al))",
            r"\b(?:pido|pedi|le pido|le rezo|rezo|ruego|le ruego) (?:\w+ ){0,5}(?:que )?(?:no me "
            r"(?:deje|dejes|permita) despertar|me (?:lleve|recoja|lleves) (?:ya|pronto|de una vez|"
            r"con el|con ella)|ya no despertar|no despertar)\b",
            r"\b(?:que|ojala) (?:dios|diosito|el senor) me (?:lleve|recoja) (?:ya|pronto|de "
            r"una vez)\b",
            # the illness asked to hurry up (C-SSRS wish to be dead)
            r"\bojala (?:\w+ ){0,3}(?:me|se lo|se la) (?:lleve|mate|acabe|termine|gane) (?:\w+ )?"
            r"(?:rapido|ya|pronto|de una vez|luego)\b",
        ),
    ),
    (
        # s31-13c (988 warning signs: being a burden): "cansada de ser una carga para mis hijos"
        "burden",
        _any(
            r"\b(?:soy|ser|sea|siendo|me siento|me he vuelto|me volvi|me converti en|me estoy "
            r"volviendo) (?:solo |solamente |nada mas que |nomas )?(?:una |un )?(?:carga|estorbo|"
            r"molestia) (?:para|a)\b",
        ),
    ),
    (
        "not_want_to_live",
        _any(
            r"\bno (?:quiero|quiere|queria|quisiera|queremos) (?:seguir )?(?:vivir|viviendo|estar "
            r"aqui|existir|despertar|seguir (?:asi|adelante|con esto|luchando))\b",
            r"\bno (?:tiene|le veo|veo|le encuentro|"
            r"encuentro) (?:ningun )?sentido (?:a )?(?:la vida|"
            r"vivir|seguir|mi vida)\b",
            r"\bpara que seguir (?:viviendo|asi|luchando)?\b",
            r"\bya no (?:quiero|quiere|puedo|puede|aguanto|aguanta) (?:seguir|mas)(?: (?:asi|"
            r"viviendo|aqui|en este mundo))?(?= \.|$)",
            r"\bquiero que (?:todo|esto|esta vida|mi vida) (?:se )?(?:termine|acabe|pare)\b",
            r"\bya no (?:puedo|aguanto) mas\b(?: \w+){0,3} (?:vivir|vida|seguir)\b",
        ),
    ),
    (
        "burden",
        _any(
            r"\b(?:soy|me siento|es|se siente|somos|nos sentimos) (?:una|un|puro|pura) "
            r"(?:carga|estorbo)\b",
            # leaving this world (C-SSRS wish to be dead, in lay words)
            r"\b(?:irme|irse|me voy|se va|me vaya|se vaya|me fuera|se fuera|marcharme|marcharse) "
            r"(?:\w+ )?de este mundo\b",
        ),
    ),
    (
        "method",
        _any(
            r"\b(?:tomar(?:me|se)?|tragar(?:me|se)?) todas (?:las|mis|sus) (?:pastillas|pildoras|"
            r"medicinas)\b",
            r"\bcuantas (?:pastillas|pildoras)\b(?: \w+){0,6} (?:morir|matar\w*|no despertar)\b",
            r"\b(?:tirarme|tirarse|aventarme|aventarse|lanzarme|lanzarse)\b(?: \w+){0,3} "
            r"(?:puente|edificio|techo|azotea|balcon|ventana|tren|vias|metro)\b",
            r"\bahorcar(?:me|se)\b",
            r"\b(?:pegarme|pegarse) un tiro\b",
            r"\b(?:saco|sacado|compro|comprado|consiguio|cargo|cargado) (?:\w+ )?(?:pistola|"
            r"escopeta|revolver|rifle)\b",
            r"\b(?:guardando|juntando|acumulando|ahorrando) (?:mis |sus |las )?(?:pastillas|"
            r"pildoras|medicinas)\b",
            # pills kept back, and taking them all (C-SSRS: means, intent)
            r"\b(?:tengo|tiene|he|ha) (?:guardad|juntad|escondid|ahorrad|acumulad)[oa]s "
            r"(?:todas )?(?:mis |sus |las )?(?:pastillas|pildoras|medicinas)\b",
            r"\b(?:me|se) las (?:voy|va) a tomar (?:todas|esta noche|de una vez)\b",
            r"\b(?:voy|va) a (?:tomarmelas|tomarselas) todas\b",
        ),
    ),
    (
        "preparatory_acts",
        _any(
            r"\b(?:carta|cartas|nota|notas) de despedida\b",
            r"\b(?:regalando|regalo|regalado|regalo) (?:todas )?(?:mis|sus) (?:cosas|joyas|"
            r"pertenencias)\b",
            r"\b(?:dej\w*|suspend\w*) (?:de tomar )?(?:\w+ ){0,3}(?:quimio\w*|tratamiento|"
            r"pastillas|medicinas|comer) (?:\w+ ){0,3}(?:para morir|a proposito|para que (?:sea|"
            r"termine|acabe) (?:mas rapido|pronto)|para acabar)\b",
        ),
    ),
    (
        "self_harm",
        _any(
            r"\bautolesi\w*",
            # cuts or burns found on someone's arms or legs
            r"\b(?:cortes|cortadas|quemaduras|heridas) (?:en|por) (?:sus|los|mis|las|tus) "
            r"(?:brazos?|munecas?|piernas?|muslos?|antebrazos?)\b",
            r"\bme (?:corto|corte|cortaba|he cortado|estoy cortando|sigo cortando|vuelvo a cortar) "
            r"(?:(?:a proposito|otra vez|de nuevo|yo sol[oa]|yo mism[oa]|anoche|ayer|hoy) )?"
            r"(?:los |las |el |la |mis )?(?:brazos?|munecas?|piernas?|muslos?|piel|panza|estomago|"
            r"venas)\b",
            # "volví a cortarme los muslos", "vuelvo a quemarme": doing it again
            r"\b(?:volvi|vuelvo|volvio|vuelve) a (?:cortarme|cortarse|quemarme|quemarse|"
            r"lastimarme|lastimarse|hacerme dano|hacerse dano|rasgunarme)\b(?! el pelo| el cabello|"
            r" las unas| la barba)",
            r"\bme (?:sigo )?(?:cortando|lastimando|haciendo dano|quemando|golpeando)\b(?! el pelo|"
            r" "
            r"el cabello| las unas)",
            r"\bme (?:lastimo|lastime|hago dano|hice dano|quemo|queme|golpeo|pego|muerdo|corto|"
            r"corte|rasguno|arano) (?:\w+ ){0,2}(?:a proposito|cuando me siento|cuando no aguanto|"
            r"porque me lo merezco|para sentir|hasta sangrar)\b",
            r"\bse (?:lastima|hace dano|quema|corta|golpea|muerde|rasguna|arana) (?:\w+ ){0,2}"
            r"(?:a proposito|para sentir|hasta sangrar|porque se lo merece)\b",
            # burned or cut with a lighter, a cigarette or a blade (NSSI)
            r"\b(?:me|se) (?:quem|cort|raya|rayo|raye|marc)\w* (?:(?:los|las|el|la|mis|sus) "
            r"(?:brazos?|piernas?|munecas?|muslos?|piel|manos?|panza) )?con (?:el |un |una |la |"
            r"los |unos |mi |su )?(?:encendedor|cigarros?|cigarrillos?|cerillos?|fosforos?|navaja|"
            r"rastrillo|hoja de afeitar|cuter|cutter)\b",
            r"\b(?:me|se) (?:he |ha |has |estoy |esta |sigo |sigue |he estado |ha estado |vuelvo "
            r"a |volvi a )?(?:hecho|haciendo|hago|hace|hice|hizo|hacer) (?:unos |unas |mas "
            r"|muchos )?"
            r"(?:cortes|cortadas|heridas|quemaduras|rasgunos)\b(?! (?:de pelo|en el pelo))",
            r"\b(?:quiero|ganas de|pienso en|tengo ganas de) (?:cortarme|lastimarme|hacerme dano|"
            r"quemarme|golpearme)\b",
            r"\bse (?:corta|corto|cortaba|ha cortado|esta cortando|sigue cortando) (?:los |las |"
            r"el |"
            r"la |sus )?(?:brazos?|munecas?|piernas?|muslos?|piel|venas)\b",
            r"\bse (?:esta |sigue )?(?:cortando|lastimando|haciendo dano|quemando|golpeando) (?:a "
            r"proposito|los brazos|las munecas|las piernas)\b",
            r"\bme (?:estoy|sigo|he estado|vuelvo a|volvi a) (?:cortando|lastimando|haciendo dano|"
            r"quemando|golpeando|cortar|lastimar|hacer dano)\b(?! el pelo| el cabello| las unas)",
            # s36-10b: cutting told as a habit "en" a limb ("me corto en las piernas", "mi hija
            # se corta en los brazos"); present and habitual forms only ("se cortó en la pierna
            # con un vidrio" is an accident)
            r"\b(?:me (?:corto|cortaba|estoy cortando|sigo cortando|he estado cortando)|"
            r"se (?:corta|cortaba|cortan|esta cortando|sigue cortando|ha estado cortando)) "
            r"(?:\w+ ){0,2}en (?:los |las |el |la |mis |sus )?(?:brazos?|munecas?|piernas?|"
            r"muslos?|antebrazos?|panza|estomago|barriga)\b",
            # an act on the body told with the feeling it answers ("cuando no puedo más")
            r"\b(?:me (?:lastimo|hago dano|quemo|golpeo|corto|rasguno|arano)|"
            r"se (?:lastima|hace dano|quema|golpea|corta|rasguna|arana)) (?:\w+ ){0,5}"
            r"(?:cuando (?:ya )?no (?:puedo|puede|aguanto|aguanta) mas|cuando (?:ya )?no "
            r"(?:aguanto|aguanta)|cuando (?:me siento|se siente|estoy|esta) (?:triste|mal|sol[oa]|"
            r"desesperad[oa]|angustiad[oa]))\b",
        ),
    ),
)

ABUSE = _any(
    # s35-10: a massage practitioner's intimate touch told with a plain refusal of consent
    # (ABMP / NCBTMB codes of ethics, as English reads it)
    r"^(?=.*\b(?:sin (?:permiso|preguntar|preguntarme|pedir permiso|mi consentimiento|mi permiso)|"
    r"(?:le|les) dije que no|dije que (?:no|parara|pare)|me quede (?:paralizad[oa]|congelad[oa]|"
    r"helad[oa])|contra mi voluntad)).*?\b(?:masajista|fisio|fisioterapeuta|terapeuta|"
    r"reflexolog[oa])\b(?: \S+){0,10} (?:toc\w*|acarici\w*|manose\w*|meti\w* (?:la|su) mano|"
    r"puso (?:la|su) mano|frot\w*)(?: \S+){0,6} (?:pechos?|senos?|genitales|partes intimas|"
    r"entre (?:las|mis) piernas|nalgas|debajo de la toalla|bajo la toalla|pubis|entrepierna)\b",
    # s36-10: pushed against a wall or to the floor, locked in a room (CDC IPV, NCEA)
    r"\b(?:me|la|lo|le|nos) (?:empuja|empujan|empujo|empujaron|tira|tiro|tiraron|estrella|"
    r"estrello) (?:contra (?:la|una) (?:pared|puerta|mesa)|al suelo|por las escaleras)\b",
    r"\b(?:me|la|lo|nos) (?:encierra|encierran|encerro|encerraron|tiene encerrad[oa]) (?:\w+ )?"
    r"(?:en (?:su|mi|el|la|un) (?:cuarto|habitacion|recamara|pieza|casa|bano|sotano)|con llave)\b",
    # elder neglect: left alone without food or medicine
    r"\b(?:me|la|lo|le) deja (?:sol[oa]|encerrad[oa]|sin comer|sin comida)\b(?: \w+){0,4} "
    r"(?:todo el dia|toda la noche|dias|sin comida|sin comer|sin agua)\b",
    r"\b(?:mi|su) (?:esposo|marido|pareja|novio|novia|esposa|mujer|hijo|hija|yerno|nuera|"
    r"cuidador|cuidadora|nieto|nieta|hermano|hermana|cunado|cunada)\b(?: \w+){0,8} no (?:me|le) "
    r"(?:da|quiere dar) (?:de comer|la comida|"
    r"las pastillas|mis pastillas|sus pastillas|mis medicinas|sus medicinas|el medicamento)\b",
    rf"\b{AGENT}\b(?: \w+){{0,3}} (?:me|le|la|lo|nos) "
    r"(?!(?:golpee|pegue|queme|lastime|empuje|patee|jalonee|insulte|amenace|humille|encerre)\b)"
    r"(?:pega\w*|golpe\w*|empuj\w*|ahorc\w*|"
    r"pate\w*|jalone\w*|zarande\w*|sacud\w*|quem\w*|lastim\w*|maltrat\w*|amenaz\w*|insult\w*|"
    r"humill\w*|encierr\w*|encerr\w*|abofete\w*|cachete\w*|estrangul\w*)\b",
    r"\bme (?:pega|golpea|maltrata|amenaza|ahorca|abofetea|patea)\b(?! el sol| la gana)",
    r"\b(?:violencia (?:domestica|familiar|de genero|intrafamiliar)|me maltrata|me abusa|abusa "
    r"de (?:mi|ella|el)|maltrato (?:fisico|psicologico|domestico))\b",
    r"\b(?:miedo|terror|panico) (?:de |a )?(?:volver|regresar|ir|llegar) a (?:mi |la )?casa\b",
    r"\bno me siento segur[oa] en (?:mi |la )?casa\b",
    r"\b(?:miedo|terror|panico) (?:de|a) (?:mi esposo|mi marido|mi pareja|mi novio|mi hijo|"
    r"mi ex)\b",
    r"\bno (?:me|la|lo|le) deja (?:salir|ver|hablar|llamar|tomar|ir)\b",
    r"\b(?:controla|se queda con|me quita|le quita|me esconde|le esconde) (?:tod[oa]s? )?(?:el|mi|"
    r"su|"
    r"mis|"
    r"sus|las|los) (?:dinero|tarjeta|tarjetas|pension|medicinas|medicamentos|pastillas|telefono)\b",
    r"\b(?:refugio|albergue) para mujeres\b",
    # strangled, sexual abuse, insults and screaming (HITS: hurt, insult, threaten, scream)
    r"\bme (?:ahorco|estrangulo|asfixio|apreto el cuello)\b",
    r"\b(?:abuso|abusos|abusa|abuso) sexual\w*|\b(?:me|la|lo|le) (?:viola|violo|manosea|"
    r"manoseo|obliga a tener relaciones)\b",
    r"\b(?:entra|se mete|viene|se cuela) (?:a|en) (?:mi|su) (?:cuarto|cama|recamara|habitacion)\b"
    r"(?: \w+){0,6} (?:me|la|lo|le) (?:toca|tocaba|toco|manosea)\b",
    # a relative or an adult close to the child who "touches me" (NSPCC: sexual abuse told in
    # a euphemism), not "me toca ir" (it is my turn) or "me toca la guitarra"
    r"\b(?:(?:mi|su) (?:tio|primo|padrastro|abuelo|hermanastro|cunado|vecino|entrenador|"
    r"maestro|profesor|profe)|(?:el|mi|su) (?:novio|pareja|esposo) de (?:mi|su) (?:mama|madre|"
    r"tia))\b(?: \w+){0,2} (?:me|la|lo|le) (?:toca|tocaba|toco|manosea|manoseaba)\b"
    r"(?! (?:\w+(?:ar|er|ir)|el turno|la (?:guitarra|puerta|cancion|espalda|cabeza|mano|frente)|"
    r"el (?:piano|timbre|hombro|brazo|pelo)|una cancion|musica|a mi|a el|a ella)\b)",
    r"\b(?:me|le) (?:toca|tocaba|toco) (?:\w+ ){0,2}(?:sin (?:mi|su) permiso|a la fuerza|"
    r"donde no debe|(?:mis|sus) partes)\b",
    r"\b(?:me|le) (?:dice|dicen|llama|dijo|repite) (?:que )?(?:\w+ )?(?:no (?:valgo|vale|sirvo|"
    r"sirve) (?:para )?nada|(?:soy|es) (?:un[ao]? )?(?:inutil|basura|estorbo))\b",
    r"\bme (?:grita|insulta|humilla)\b(?: \w+){0,3} (?:todo el tiempo|todos los dias|siempre|"
    r"a diario)\b",
)

_INFUSION_SITE = (
    r"(?:donde (?:me |le )?(?:entro|pusieron|pincharon|tenia|tiene|tengo|estaba)(?: \w+){0,2} "
    r"(?:el suero|la via|el cateter|la aguja|la quimio|el port)|la via|el cateter|el port|el "
    r"pinchazo)"
)
EMERGENCY: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        # the drug leaking around the infusion site (UKONS: extravasation)
        "extravasation",
        _any(
            rf"\b{_INFUSION_SITE}\b(?: \S+){{0,10}} (?:ampolla\w*|(?:arde|ardor|quema|ardiendo)\b"
            r"(?: \S+){0,6} (?:hinch\w*|roj[oa]|inflam\w*|ampolla\w*))",
            rf"\bampolla\w*(?: \S+){{0,4}} {_INFUSION_SITE}\b",
            r"\b(?:la quimio|el medicamento|el suero) (?:se )?(?:salio|filtro|escapo) "
            r"(?:de la vena|al brazo|a la piel|fuera de la vena)\b",
        ),
    ),
    (
        "breathing",
        _any(
            r"\bno (?:puedo|puede|podia|podemos|pueden|logro|logra) respirar\b",
            r"\b(?:me|le|nos) (?:falta|cuesta|costaba|costando) (?:el aire|respirar|la "
            r"respiracion)\b",
            r"\b(?:dificultad|problemas?) (?:para|al) respirar\b",
            r"\bfalta (?:de )?aire\b",
            r"\bme ahogo\b",
            r"\b(?:ahogando|ahogandome|ahogandose)\b",
            r"\blabios (?:\w+ )?(?:morados|azules)\b",
            r"\bno (?:puede|puedo|podia|logra|logro) (?:terminar|acabar|completar) "
            r"(?:una|la|ni una) (?:frase|oracion)\b",
        ),
    ),
    (
        "chest_pain",
        _any(
            r"\bdolor (?:\w+ ){0,2}(?:en el|del|de) pecho\b",
            r"\b(?:me|le) duele (?:mucho )?el pecho\b",
            r"\b(?:presion|opresion|apreton|peso) (?:fuerte )?en el pecho\b",
            r"\bpecho apretado\b",
            r"\b(?:aprieta|oprime|aplasta|presiona|estruja) (?:\w+ )?el pecho\b",
            r"\bpecho (?:\w+ ){0,2}(?:oprimido|aplastado|como si me (?:apretaran|aplastaran))\b",
            r"\binfarto\b",
            r"\bataque (?:al|del) corazon\b",
        ),
    ),
    (
        "bleeding",
        _any(
            r"\b(?:sangrado|hemorragia|sangre)\b(?: \w+){0,4} (?:no (?:para|se detiene|se para|se "
            r"quita|se corta)|abundante|fuerte)\b",
            r"\bno (?:para|deja) de sangrar\b",
            r"\b(?:vomit\w*|tosiendo|tose|toso|tosi|tosio|escupiendo|escupe|escupo|escupi|escupio) "
            r"(?:\w+ ){0,2}sangre\b",
            # bleeding gums with tiny purple or red spots (low platelets, UKONS)
            r"\b(?:sangran|sangrando|sangra) (?:\w+ ){0,2}(?:las )?encias\b(?: \w+){0,6} "
            r"(?:puntitos|puntos|manchitas|manchas|moretones|morados)\b",
            r"\bsangre en (?:el |la |los |las )?(?:vomito|heces|popo|caca|tos)\b",
            r"\b(?:heces|popo|caca|excremento) (?:\w+ ){0,2}(?:negras?|como alquitran)\b",
            r"\b(?:posos|borra|cuncho|asiento) de cafe\b",
            r"\b(?:sangra|sangrando) (?:mucho|muchisimo|sin parar)\b",
            # coffee grounds in other words; bruising all over with no knock (UKONS)
            r"\b(?:vomit\w*|devolv\w*|arroj\w*)\b(?: \w+){0,5} (?:cafe molido|como (?:el )?cafe|"
            r"borra|asiento de cafe)\b",
            r"\b(?:moretones|moretes|morados|hematomas|manchas moradas)\b(?: \w+){0,4} (?:sin "
            r"(?:pegarse|golpearse|golpe|motivo|razon|caerse)|por todo el cuerpo)\b",
            r"(?<!de )\b(?:sangr\w*)\b(?: \w+){0,8} (?:y )?(?:no (?:para|se detiene|se para|"
            r"se corta|se quita)|sin parar)\b(?! de\b)",
        ),
    ),
    (
        "cord_compression",
        _any(
            r"\bno (?:siente|siento|puede mover|puedo mover) (?:bien )?(?:las|mis|sus) piernas\b",
            r"\bperd\w* el control (?:de|para) (?:orinar|la orina|los esfinteres|la vejiga)\b",
            r"\b(?:entumid[oa]|adormecid[oa]|dormid[oa]) de la cintura (?:para )?abajo\b",
        ),
    ),
    (
        "confusion",
        _any(
            r"\b(?:esta|anda|se ve|parece|se puso|la veo|lo veo) (?:muy |bien |algo |un poco |"
            r"super |re |bastante |todo |toda )?"
            r"(?:confundid[oa]|desorientad[oa]|delirando|ida)\b",
            r"\bno (?:me|nos|la|lo) reconoce\b",
            r"\bno sabe (?:bien |ni )?(?:donde|en que dia|en que ano|quien|que (?:dia|ano|mes)) "
            r"(?:esta|es|estamos)\b"
            r"(?! (?:el|la|los|las|mi|su)\b)",
            r"\bno (?:puedo|podemos) despertarl[oa]\b",
            r"\b(?:no responde|inconsciente)\b",
            r"\bno (?:despierta|se despierta|reacciona)\b(?! (?:temprano|tarde|antes|a tiempo|con "
            r"el despertador|de buen humor))",
        ),
    ),
    (
        "fainting",
        _any(
            r"\b(?:se desmayo|me desmaye|me desmayo|se desmaya|perdio el conocimiento|perdi el "
            r"conocimiento|se desvanecio|desmayad[oa])\b"
        ),
    ),
    (
        "seizure",
        _any(
            r"\b(?:convulsiones|convulsionando|convulsiono|convulsionar|una convulsion|ataque "
            r"epileptico|crisis epileptica)\b",
            r"\bse (?:puso|quedo|pone) (?:\w+ )?(?:rigid[oa]|ties[oa]|dur[oa])\b(?: \w+){0,5} "
            r"(?:sacud\w*|temblar|temblando|movimientos|brincos|espuma)",
            r"\b(?:sacudirse|sacudiendose|se sacudia|se sacude) (?:\w+ ){0,2}(?:todo|toda|sin "
            r"control|enter[oa]|fuerte)\b",
            r"\bojos (?:\w+ )?(?:en blanco|para atras)\b",
        ),
    ),
    (
        "stroke",
        _any(
            r"\b(?:cara|boca) (?:\w+ )?(?:caida|torcida|chueca|de lado)\b",
            r"\b(?:habla|arrastra) (?:\w+ )?(?:arrastrada|las palabras|rara|trabada)\b",
            r"\bhabla (?:\w+ )?(?:enredad[oa]|arrastrad[oa]|trabad[oa]|mocho|como borrach[oa]|"
            r"raro|chistoso)\b",
            r"\bse (?:le|me) (?:cayo|cae|esta cayendo|ha caido|durmio) (?:un lado de |media )?"
            r"(?:la cara|cara|la boca|el labio)\b",
            r"\bno (?:puede|puedo|podia|pudo|pude) (?:hablar|mover (?:el|un|su|mi|la) (?:brazo|"
            r"lado|mano|pierna))\b",
            r"\bse (?:me|le) (?:traba|trababa|trabo|enreda) (?:la lengua|al hablar)\b",
            r"\bno (?:le|me) salen las palabras\b",
            r"\b(?:derrame cerebral|embolia)\b",
        ),
    ),
    (
        "allergic_reaction",
        _any(
            r"\bse (?:me|le) (?:hinchan|hincharon|hincho|cierra|esta cerrando|estan hinchando) "
            r"(?:los labios|la lengua|la garganta)\b",
            r"\b(?:labios|lengua|garganta) (?:\w+ ){0,2}(?:hinchad[oa]s?|se cierra|cerrando)\b",
            r"\breaccion alergica (?:grave|fuerte|severa)\b",
            r"\bse (?:me|le) (?:cerro|cierra|esta cerrando|empezo a cerrar|apreto|aprieta) "
            r"(?:la garganta|el cuello por dentro)\b",
            r"\bgarganta (?:\w+ )?(?:cerrada|cerrandose|apretada)\b",
            r"\banafila\w*",
            # s35-10: the face or eyes swelling with swallowing or breathing getting hard (as
            # English reads it)
            r"\b(?:cara|ojos|parpados|mejillas|boca)\b(?: \w+){0,3} (?:hinchad[oa]s?|hinchando|"
            r"inflamad[oa]s?|inflando)\b(?: \S+){0,10} (?:cuesta|costando|dificultad|no (?:puedo|"
            r"puede|logro|logra)) (?:\w+ ){0,2}(?:tragar|respirar)\b",
            r"\bse (?:me|le|nos|te) (?:esta |estan |ha |han )?(?:hinchando|hincho|hincharon|"
            r"inflamando|inflamo|inflando) (?:toda |todos )?(?:la cara|los ojos|los parpados|"
            r"la boca)\b(?: \S+){0,10} (?:cuesta|costando|dificultad|no (?:puedo|puede|logro|"
            r"logra)) (?:\w+ ){0,2}(?:tragar|respirar)\b",
        ),
    ),
    (
        "dehydration",
        _any(
            r"\bno (?:puedo|puede|pueden|podemos|logra|logro|he podido|ha podido) (?:ni )?"
            r"(?:tragar|pasar|beber) (?:ni )?(?:agua|liquidos|nada|saliva|sorbos|la saliva)\b",
            r"\bno (?:puedo|puede|logra|logro) (?:retener|mantener|tomar) (?:ni )?(?:agua|liquidos|"
            r"nada)\b",
            r"\bno (?:retiene|retengo|aguanta|aguanto|tolera|tolero) (?:ni )?(?:agua|liquidos|nada|"
            r"la "
            r"comida|el agua)\b",
            r"\b(?:todo el dia|toda la noche|sin parar|horas) (?:\w+ )?vomit\w*",
            r"\bvomit\w* (?:\w+ ){0,3}(?:todo el dia|sin parar|(?:[4-9]|\d\d) veces|todo lo que)\b",
            r"\bdiarrea (?:\w+ ){0,3}(?:sin parar|todo el dia|(?:[4-9]|\d\d) veces)\b",
            r"\b(?:[4-9]|\d\d|cuatro|cinco|seis|siete|ocho|nueve|diez) veces (?:\w+ ){0,3}"
            r"(?:diarrea|vomit\w*|obrado|del estomago)\b",
            r"\bno (?:ha|he) orinado\b",
            r"\b(?:casi )?no (?:orina|hace pipi)\b(?: \w+){0,2} "
            r"(?:todo el dia|desde ayer|en todo)\b",
            r"\bpiel (?:\w+ ){0,2}(?:moteada|marmorea|jaspeada|con manchas moradas)\b",
        ),
    ),
    (
        "overdose",
        _any(
            r"\bsobredosis\b",
            r"\b(?:tomo|tome|tomado|tomaron|le di|le dimos|le dieron|se puso|me puse)\b"
            r"(?: \w+){0,3} "
            r"(?:el doble|doble dosis|dos veces|de mas|demasiad[oa]s?|un punado)\b(?: \w+){0,3} "
            r"(?:morfina|oxicodona|fentanilo|tramadol|codeina|metadona|pastillas para dormir|"
            r"calmantes|analgesicos|parches)\b",
            # a week's supply, or the whole box, taken at once
            r"\b(?:tomo|tome|tomado|tomaron|trago|trague|tragado|tragaron)\b(?: \w+){0,3} "
            r"(?:pastillas|pildoras|morfina|oxicodona|fentanilo|tramadol|codeina|calmantes|"
            r"medicinas|analgesicos)\b(?: \w+){0,4} (?:de (?:toda )?(?:la|una) semana|del mes|de "
            r"golpe|de una vez|juntas|a la vez|del frasco|del bote|de la caja)\b",
            r"\b(?:el frasco|la caja|el bote|la tira) (?:\w+ ){0,3}(?:enter[oa]|complet[oa])\b",
        ),
    ),
    (
        "severe_pain",
        _any(
            r"\b(?:el )?peor dolor (?:de \w+ )?(?:de (?:mi|su) vida|que (?:he|ha) "
            r"(?:tenido|sentido))\b",
            r"\bdolor (?:\w+ ){0,3}(?:insoportable|inaguantable|atroz|terrible que no)\b",
            r"\b(?:me|le) duele (?:\w+ ){0,3}(?:insoportable|como nunca|muchisimo de repente)\b",
            r"\bdolor (?:\w+ ){0,3}(?:de )?(?:10|diez) (?:de|sobre) (?:10|diez)\b",
            r"\b(?:gritando|grita|llorando) (?:\w+ )?(?:de|del) dolor\b",
        ),
    ),
    (
        "asks_for_emergency_help",
        _any(
            r"\bambulancia\b",
            r"\b(?:llamar|llamo|llame) (?:a )?(?:emergencias|al 911|911)\b",
            r"\b(?:ir|voy|vamos|llevar\w*) a (?:urgencias|emergencias|la sala de emergencias)\b",
        ),
    ),
)
FEVER = _any(
    r"\b(?:fiebre|calentura|escalofrios?|temblor(?:es)?|tiritando|temperatura)\b",
    r"\b(?:ardiendo|hirviendo|tiritaba|tiritar|temblaba|temblando)\b(?! de (?:miedo|nervios|"
    r"ansiedad|emocion|frio en la calle))",
)
LAY_FEVER = _any(
    r"\b(?:escalofrios?|temblor(?:es)?|tiritando|calentura)\b",
    r"\b(?:ardiendo|hirviendo|tiritaba|tiritar|temblaba|temblando)\b(?! de (?:miedo|nervios|"
    r"ansiedad|emocion))",
)
PERSONAL_FEVER = _any(
    r"\b(?:tengo|tiene|tenia|tuvo|tienen|con|me dio|le dio|esta con|anda con|me subio|le subio)\b"
    r"(?: \w+){0,3} (?:fiebre|calentura|temperatura)\b"
)
TREATMENT = _any(
    r"\b(?:quimio\w*|quimioterapia|tratamiento|radioterapia|radiacion|inmunoterapia|cancer|"
    r"oncolog\w*|leucemia|linfoma|mieloma|trasplante)\b",
)
"""Spanish only: English words here would let an English message through this vocabulary,
which knows nothing of English negation or resolution (the English one covers it)."""
NUMBER = re.compile(r"\b(\d{2,3}(?:\.\d+)?)(?: ?(?:grados|°))?(?: ?(c|f|celsius|centigrados))?\b")
BACK_PAIN = _any(r"\b(?:espalda|columna|cuello)\b")
LEGS = _any(
    r"\bpiernas? (?:\w+ ){0,2}(?:debiles|dormidas|entumecidas|adormecidas|sin fuerza|no (?:le |"
    r"me )?"
    r"responden)\b",
    r"\bno (?:siente|siento) (?:bien )?(?:las|mis|sus) piernas\b",
    r"\bse (?:le|me) (?:doblan|aflojan|vencen) las piernas\b",
    r"\bse (?:le|me) (?:durmieron|duermen|adormecieron|adormecen|entumieron|entumecieron|"
    r"doblaron|aflojaron|fueron) (?:las|las dos|ambas) piernas\b",
)
BLADDER = _any(
    r"\bno (?:puede|puedo|podia) (?:orinar|hacer pipi|hacer del bano)\b",
    r"\bno (?:controla|controlo|aguanta|aguanto|retiene|retengo) (?:la orina|el pipi|la pipi|"
    r"la vejiga|el intestino)\b",
)
BONE = _any(r"\b(?:huesos?|oseas?|metastasis|mieloma)\b")
FALL = _any(
    r"\b(?:se cayo|me cai|se callo|me calle|se resbalo|me resbale|tropezo|tropece|una caida|"
    r"se fue al suelo)\b"
)
FALL_HARM = _any(
    r"\bno (?:puede|puedo|se puede|me puedo|la puedo|lo puedo|podemos) (?:apoyar\w*|levantar\w*|"
    r"mover\w*|caminar|parar\w*)\b",
    r"\b(?:duele|dolor) (?:\w+ )?(?:muchisimo|mucho|horrible|insoportable)\b",
    r"\b(?:crujido|se rompio|fractura|quebr\w*)\b",
)
FACE_NECK = _any(
    r"\b(?:cara|cuello)\b(?: \w+){0,3} (?:y|,) (?:el |la )?(?:cara|cuello|brazos?)\b",
    r"\b(?:cuello|cara) (?:y|,) (?:la |el )?(?:cara|cuello)\b",
)
SWOLLEN = _any(r"\b(?:hinch\w*|inflam\w*|abultad\w*)\b")
CHEST_VEINS = _any(
    r"\bvenas (?:del|en el|de el) (?:pecho|cuello) (?:\w+ ){0,2}(?:marcadas|hinchadas|saltadas|"
    r"brotadas|abultadas|saltonas)\b"
)
LEG_CLOT = _any(r"\b(?:pierna|pantorrilla)\b(?: \w+){0,5} (?:hinchad[oa]|inflamad[oa])\b")
LEG_SIGNS = _any(r"\b(?:roja|rojo|caliente|duele|dolor|dolorosa)\b")
NEGATORS = frozenset({"no", "sin", "nunca", "ni", "tampoco", "jamas", "nada"})
BREAKS = frozenset({".", ",", "pero", "aunque", "sino", "mas"})
RESOLVED = _any(
    r"\bya (?:se (?:le |me )?(?:quito|paso|fue|bajo)|paso|esta bien|estoy bien|no tiene|"
    r"no tengo)\b",
    r"\bel (?:doctor|medico|oncologo) (?:la|lo|me) (?:reviso|vio|examino)\b",
    r"\bhace (?:\w+ )?(?:semanas|meses|anos)\b",
    r"\b(?:el ano|la semana|el mes) pasad[oa]\b",
)


TOPIC_NOUN = re.compile(r"suicidios?")
TOPIC_BEFORE = _any(
    r"\b(?:articulo|articulos|estudio|estudios|investigacion|tesis|trabajo|charla|documental|"
    r"libro|campana|curso|taller|conferencia|reportaje|noticia|video|artigo|pesquisa|tese|"
    r"palestra|livro|article|etude|these|expose|ensayo|monografia|informe|tarea|escribiendo|"
    r"escribo|escribir)\b(?: \w+){0,2} (?:sobre|acerca del?|del?|do|da|"
    r"sur|du) (?:el |la |los |las |o |a |os |le |les )?$",
    r"\b(?:prevencion|prevencao|prevention|tasa|tasas|taxa|taux) (?:del?|do|du|contra el) "
    r"(?:el |la |o |le )?$",
)
"""A study, article or campaign named just before the bare word "suicidio" (in Spanish,
Portuguese or French: every non-English message reaches this vocabulary): a topic, not
a disclosure ("leí un artículo sobre el suicidio"). Any other crisis wording still counts."""


def _topic(text: str, match: re.Match[str]) -> bool:
    return (
        TOPIC_NOUN.fullmatch(match.group(0)) is not None
        and TOPIC_BEFORE.search(text[: match.start()]) is not None
    )


def _negated(text: str, start: int) -> bool:
    for token in reversed(text[:start].split()[-4:]):
        if token in BREAKS:
            return False
        if token in NEGATORS:
            return True
    return False


def _resolved(text: str, start: int) -> bool:
    end = text.find(" . ", start)
    sentence_start = text.rfind(" . ", 0, start)
    sentence = text[sentence_start + 1 if sentence_start >= 0 else 0 : end if end >= 0 else None]
    return RESOLVED.search(sentence) is not None and not re.search(
        r"\b(?:todavia|sigue|otra vez|de nuevo|ahora)\b", sentence
    )


STORY = _any(
    r"\b(?:en|dentro de) (?:una?|la|el|esa|ese|esta|este) (?:serie|telenovela|novela|pelicula|"
    r"peli|libro|episodio|capitulo|programa|dibujo animado)\b",
    r"\ben la (?:tele|television|tv)\b",
    r"\b(?:personaje|protagonista|heroina|actriz)\b",
    r"\b(?:si|en caso de que) (?:algun dia|un dia|alguna vez|por casualidad)\b",
    r"\bhipotetic\w*",
)
"""A story or a hypothetical earlier in a sign's sentence ("en una telenovela la protagonista
se desmaya", "si algún día tengo fiebre"): the sign happens to no one real now, unless the
sentence says it is going on (``_resolved``'s words of now)."""


def _story(text: str, start: int) -> bool:
    sentence_start = text.rfind(" . ", 0, start)
    before = text[sentence_start + 1 if sentence_start >= 0 else 0 : start]
    end = text.find(" . ", start)
    sentence = text[sentence_start + 1 if sentence_start >= 0 else 0 : end if end >= 0 else None]
    return STORY.search(before) is not None and not re.search(
        r"\b(?:todavia|sigue|otra vez|de nuevo|ahora)\b", sentence
    )


def read_by_spanish_cues(raw: str) -> str | None:
    """The message in its Spanish form without the words a sign could not start at by the
    Spanish negators and past times ("nunca tuvo convulsiones", "un infarto hace años"),
    or None when none is taken out: the English vocabulary, which also runs on Spanish
    messages, reads "convulsiones" without them (``Router._safety_in``)."""
    text = spanish_form(raw)
    kept = [
        m.group(0)
        for m in re.finditer(r"[^ ]+", text)
        if m.group(0) == "."
        or not (_negated(text, m.start()) or _resolved(text, m.start()) or _story(text, m.start()))
    ]
    reading = " ".join(kept)
    return None if reading == text else reading


def _found(pattern: re.Pattern[str], text: str) -> int | None:
    for match in pattern.finditer(text):
        if not (
            _negated(text, match.start())
            or _resolved(text, match.start())
            or _story(text, match.start())
        ):
            return match.start()
    return None


def _high_temperature(text: str, on_treatment: bool) -> bool:
    for fever in FEVER.finditer(text):
        window = text[max(0, fever.start() - 25) : fever.end() + 30]
        for number in NUMBER.finditer(window):
            value, unit = float(number.group(1)), number.group(2) or ""
            if unit.startswith("f") or (not unit and value >= 93):
                high, low = (99.5, 96.8) if on_treatment else (100.4, 0.0)
            else:
                high, low = (37.5, 36.0) if on_treatment else (38.0, 0.0)
            if not 34 <= value < 115:
                continue
            if value >= high or value < low:
                return not _negated(text, fever.start())
    return False


BURDEN_SAID = _any(
    r"\b(?:me |le |nos )?(?:grita|gritan|dice|dicen|llama|llaman|repite|repiten|echa en cara|"
    r"reprocha|insulta)\w*(?: \w+){0,4} (?:que )?(?:soy|es|somos|eres) (?:solo |nada mas que )?"
    r"(?:una |un )?(?:carga|estorbo)\b",
    r"\b(?:me|le) (?:llama|llaman|trata|tratan) (?:de |como )?(?:una |un )?(?:carga|estorbo)\b",
)
"""Someone else calling the person a burden ("mi hijo me grita que soy una carga")."""


@lru_cache(maxsize=4096)
def find_spanish_red_flag(raw: str, treatment_context: bool = False) -> tuple[Route, str] | None:
    """(route, detail) for a Spanish red flag in the message as typed, or None."""
    text = spanish_form(raw)
    if not text:
        return None
    for detail, pattern in CRISIS:
        if any(not _topic(text, match) for match in pattern.finditer(text)):
            if detail == "burden" and BURDEN_SAID.search(text) and ABUSE.search(text):
                # being called a burden by someone who also hurts or controls the
                # person (s36-10, as English reads it since s35-10): the abuse reply
                return Route.CRISIS, "abuse"
            return Route.CRISIS, detail
    if ABUSE.search(text):
        return Route.CRISIS, "abuse"
    for detail, pattern in EMERGENCY:
        if _found(pattern, text) is not None:
            return Route.EMERGENCY, detail
    on_treatment = treatment_context or TREATMENT.search(text) is not None
    if _found(FEVER, text) is not None:
        high = _high_temperature(text, on_treatment)
        if high or (
            on_treatment
            and (_found(LAY_FEVER, text) is not None or _found(PERSONAL_FEVER, text) is not None)
        ):
            return Route.EMERGENCY, "fever_on_treatment"
    legs, bladder = _found(LEGS, text), _found(BLADDER, text)
    if (legs is not None or bladder is not None) and (
        BACK_PAIN.search(text) or BONE.search(text) or (legs is not None and bladder is not None)
    ):
        return Route.EMERGENCY, "cord_compression"
    fall = _found(FALL, text)
    if fall is not None and FALL_HARM.search(text):
        return Route.EMERGENCY, "fall_bone_mets" if BONE.search(text) else "fall_injury"
    if (_found(FACE_NECK, text) is not None and SWOLLEN.search(text)) or _found(
        CHEST_VEINS, text
    ) is not None:
        return Route.EMERGENCY, "svc_swelling"
    if _found(LEG_CLOT, text) is not None and LEG_SIGNS.search(text):
        return Route.EMERGENCY, "clot"
    return None
