"""A deterministic generator of invented news articles for benchmarks.

The articles read like wire and broadsheet copy about international and domestic politics:
a headline, a dateline, short paragraphs of sentences with 12-35 words, real countries,
capitals, demonyms and organisations, and invented people, outlets and events. Nothing in
them is true. They exist so that benchmarks can feed the coder thousands of realistic,
news-length texts without a network or a licensed corpus.

    from corpus import articles
    for record in articles(500, seed=0): ...

    python benchmarks/corpus.py 5000 --seed 1 > corpus.jsonl
    python benchmarks/corpus.py 1000 --snippets > snippets.jsonl   # one to three sentences each

The same ``n`` and ``seed`` always give the same articles (standard library only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

MIN_WORDS, MAX_WORDS = 300, 1000


def _blocks(text: str) -> list[str]:
    """The templates of a block: separated by blank lines, wrapped as is convenient."""
    return [" ".join(block.split()) for block in text.strip().split("\n\n")]


# --- the world: countries, people, organisations ------------------------------------------------

# name | capital | demonym | head of government's title | name pool | other cities
COUNTRY_TABLE = """
France | Paris | French | President | eur | Lyon, Marseille, Lille
Germany | Berlin | German | Chancellor | eur | Munich, Hamburg, Cologne
Italy | Rome | Italian | Prime Minister | eur | Milan, Naples, Turin
Spain | Madrid | Spanish | Prime Minister | eur | Barcelona, Seville, Valencia
the Netherlands | The Hague | Dutch | Prime Minister | eur | Amsterdam, Rotterdam, Utrecht
Greece | Athens | Greek | Prime Minister | eur | Thessaloniki, Patras, Heraklion
Sweden | Stockholm | Swedish | Prime Minister | eur | Gothenburg, Malmo, Uppsala
Portugal | Lisbon | Portuguese | Prime Minister | eur | Porto, Coimbra, Braga
Poland | Warsaw | Polish | Prime Minister | slav | Krakow, Gdansk, Wroclaw
Ukraine | Kyiv | Ukrainian | President | slav | Kharkiv, Odesa, Lviv, Dnipro
Russia | Moscow | Russian | President | slav | St Petersburg, Kazan, Rostov-on-Don
Serbia | Belgrade | Serbian | President | slav | Novi Sad, Nis, Kragujevac
the Czech Republic | Prague | Czech | Prime Minister | slav | Brno, Ostrava, Plzen
Romania | Bucharest | Romanian | President | slav | Cluj-Napoca, Iasi, Constanta
Turkey | Ankara | Turkish | President | turk | Istanbul, Izmir, Gaziantep
Azerbaijan | Baku | Azerbaijani | President | turk | Ganja, Sumgait, Lankaran
Iran | Tehran | Iranian | President | persian | Isfahan, Mashhad, Tabriz
Egypt | Cairo | Egyptian | President | arab | Alexandria, Port Said, Aswan
Jordan | Amman | Jordanian | Prime Minister | arab | Zarqa, Irbid, Aqaba
Lebanon | Beirut | Lebanese | Prime Minister | arab | Tripoli, Sidon, Tyre
Iraq | Baghdad | Iraqi | Prime Minister | arab | Basra, Mosul, Erbil
Morocco | Rabat | Moroccan | Prime Minister | arab | Casablanca, Marrakesh, Tangier
Algeria | Algiers | Algerian | President | arab | Oran, Constantine, Annaba
Libya | Tripoli | Libyan | Prime Minister | arab | Benghazi, Misrata, Sabha
Sudan | Khartoum | Sudanese | Prime Minister | arab | Port Sudan, El Fasher, Kassala
Tunisia | Tunis | Tunisian | President | arab | Sfax, Sousse, Gabes
Kenya | Nairobi | Kenyan | President | afr_e | Mombasa, Kisumu, Garissa
Ethiopia | Addis Ababa | Ethiopian | Prime Minister | afr_e | Mekelle, Gondar, Dire Dawa
Uganda | Kampala | Ugandan | President | afr_e | Gulu, Mbarara, Jinja
Tanzania | Dodoma | Tanzanian | President | afr_e | Dar es Salaam, Arusha, Mwanza
South Sudan | Juba | South Sudanese | President | afr_e | Malakal, Wau, Bor
Rwanda | Kigali | Rwandan | President | afr_e | Huye, Rubavu, Musanze
Nigeria | Abuja | Nigerian | President | afr_w | Lagos, Kano, Maiduguri, Port Harcourt
Ghana | Accra | Ghanaian | President | afr_w | Kumasi, Tamale, Takoradi
Senegal | Dakar | Senegalese | President | afr_w | Thies, Saint-Louis, Ziguinchor
Mali | Bamako | Malian | President | afr_w | Timbuktu, Gao, Mopti
Niger | Niamey | Nigerien | President | afr_w | Agadez, Zinder, Tillaberi
Cameroon | Yaounde | Cameroonian | President | afr_w | Douala, Bamenda, Garoua
Burkina Faso | Ouagadougou | Burkinabe | President | afr_w | Bobo-Dioulasso, Djibo, Kaya
South Africa | Pretoria | South African | President | afr_s | Johannesburg, Cape Town, Durban
China | Beijing | Chinese | Premier | zh | Shanghai, Guangzhou, Wuhan
Japan | Tokyo | Japanese | Prime Minister | jp | Osaka, Nagoya, Fukuoka
South Korea | Seoul | South Korean | President | kr | Busan, Incheon, Daegu
India | New Delhi | Indian | Prime Minister | s_asia | Mumbai, Kolkata, Chennai
Pakistan | Islamabad | Pakistani | Prime Minister | s_asia | Karachi, Lahore, Peshawar
Bangladesh | Dhaka | Bangladeshi | Prime Minister | s_asia | Chittagong, Sylhet, Khulna
Sri Lanka | Colombo | Sri Lankan | President | s_asia | Kandy, Jaffna, Galle
Nepal | Kathmandu | Nepali | Prime Minister | s_asia | Pokhara, Biratnagar, Birgunj
Indonesia | Jakarta | Indonesian | President | sea | Surabaya, Medan, Makassar
the Philippines | Manila | Philippine | President | sea | Cebu, Davao, Zamboanga
Malaysia | Kuala Lumpur | Malaysian | Prime Minister | sea | Penang, Johor Bahru, Kuching
Vietnam | Hanoi | Vietnamese | Prime Minister | vn | Ho Chi Minh City, Da Nang, Haiphong
Brazil | Brasilia | Brazilian | President | latam | Sao Paulo, Rio de Janeiro, Manaus
Mexico | Mexico City | Mexican | President | latam | Guadalajara, Monterrey, Tijuana
Colombia | Bogota | Colombian | President | latam | Medellin, Cali, Cucuta
Venezuela | Caracas | Venezuelan | President | latam | Maracaibo, Barquisimeto, San Cristobal
Argentina | Buenos Aires | Argentine | President | latam | Cordoba, Rosario, Mendoza
Peru | Lima | Peruvian | President | latam | Cusco, Arequipa, Trujillo
Chile | Santiago | Chilean | President | latam | Valparaiso, Concepcion, Antofagasta
the United States | Washington | U.S. | President | anglo | New York, Chicago, Los Angeles
Britain | London | British | Prime Minister | anglo | Manchester, Birmingham, Glasgow
Canada | Ottawa | Canadian | Prime Minister | anglo | Toronto, Montreal, Vancouver
Australia | Canberra | Australian | Prime Minister | anglo | Sydney, Melbourne, Perth
"""

REGIONS = {
    "eur": "europe",
    "slav": "europe",
    "turk": "mideast",
    "persian": "mideast",
    "arab": "mideast",
    "afr_e": "africa",
    "afr_w": "africa",
    "afr_s": "africa",
    "zh": "asia",
    "jp": "asia",
    "kr": "asia",
    "s_asia": "asia",
    "sea": "asia",
    "vn": "asia",
    "latam": "americas",
    "anglo": "west",
}

# Invented names, comma-separated; an indented line continues the one above. Most pools write the
# given name first; NAME_ORDER lists those that put the family name first ("vn" does too, but later
# mentions use the last given name, as Vietnamese usage does).
NAME_TABLE = """
eur given: Anna, Luca, Marie, Jan, Sofia, Pierre, Elena, Matteo, Clara, Henrik, Ines, Tomas, Julia, Laurent
eur family: Moreau, Bianchi, Vogel, Jansen, Lindqvist, Ferreira, Costa, Dubois, Keller, Romano, Papadakis,
    Berger, Navarro, Leclerc, Hofmann
slav given: Olena, Dmytro, Katarzyna, Piotr, Milan, Jelena, Andriy, Irina, Pavel, Marta, Bogdan, Natalia
slav family: Kovalenko, Nowak, Petrovic, Kowalczyk, Horvat, Marchenko, Bondar, Wisniewski, Jovanovic,
    Melnyk, Dvorak, Popescu, Ionescu
turk given: Mehmet, Ayse, Emre, Zeynep, Murat, Elif, Kemal, Leyla, Rashad, Aydan
turk family: Yilmaz, Demir, Aksoy, Kaya, Celik, Aliyev, Mammadov, Ozturk, Arslan, Guliyev
persian given: Reza, Maryam, Hossein, Farid, Shirin, Ahmad, Nasrin, Abbas, Zahra, Karim
persian family: Rahimi, Tehrani, Karimi, Mohammadi, Hosseini, Sadeghi, Noori, Jafari, Rezaei, Bagheri
arab given: Ahmed, Fatima, Khaled, Layla, Omar, Nadia, Youssef, Rania, Hassan, Samir, Mona, Tariq
arab family: Haddad, Mansour, El-Sayed, Khalil, Al-Masri, Nasser, Saleh, Aziz, Bakri, Hamdan, Qasim, Benali
afr_e given: Amina, David, Grace, Samuel, Wanjiru, Abebe, Mercy, Joseph, Halima, Peter, Tigist, Moses
afr_e family: Otieno, Mwangi, Tesfaye, Okello, Kamau, Mutua, Bekele, Achieng, Haile, Mugisha, Kiprono, Wafula
afr_w given: Chinedu, Aminata, Kwame, Fatou, Ibrahim, Ngozi, Moussa, Adwoa, Oumar, Folake, Kofi, Mariam
afr_w family: Okafor, Diallo, Mensah, Traore, Adeyemi, Keita, Owusu, Ndiaye, Coulibaly, Eze, Boateng, Sow
afr_s given: Thabo, Nomvula, Sipho, Lindiwe, Themba, Zanele, Pieter, Naledi
afr_s family: Ndlovu, Mokoena, Dlamini, Nkosi, Khumalo, Botha, Mahlangu, Maseko
zh given: Wei, Jing, Hong, Lei, Min, Xiaoming, Yan, Jun, Hui, Qiang
zh family: Zhang, Wang, Liu, Chen, Yang, Zhao, Huang, Zhou, Wu, Xu
jp given: Hiroshi, Yuki, Takeshi, Aiko, Kenji, Naoko, Satoshi, Emi
jp family: Tanaka, Suzuki, Watanabe, Ito, Nakamura, Kobayashi, Yamamoto, Sato
kr given: Min-jun, Seo-yeon, Ji-ho, Eun-ji, Hyun-woo, Soo-jin, Tae-yang
kr family: Kim, Lee, Park, Choi, Jung, Kang, Yoon
s_asia given: Rahul, Priya, Anil, Sunita, Imran, Ayesha, Vikram, Nasreen, Arjun, Farhana, Sanjay, Kavita
s_asia family: Sharma, Khan, Patel, Chowdhury, Rao, Qureshi, Singh, Hossain, Perera, Thapa, Malik, Iyer
sea given: Budi, Siti, Rizal, Dewi, Maria, Jose, Ahmad, Nurul, Ramon, Lestari
sea family: Santoso, Wijaya, Reyes, Santos, Hidayat, Ibrahim, Cruz, Rahman, Gonzales, Pratama
vn given: Van Minh, Thi Lan, Duc Anh, Quoc Hung, Thanh Son, Minh Chinh
vn family: Nguyen, Tran, Le, Pham, Hoang, Vu
latam given: Carlos, Maria, Juan, Ana, Luis, Gabriela, Diego, Camila, Jorge, Valentina, Andres, Lucia
latam family: Gonzalez, Rodriguez, Silva, Fernandez, Lopez, Martinez, Herrera, Oliveira, Ramirez, Castillo,
    Mendoza, Vargas
anglo given: James, Sarah, Michael, Emily, David, Laura, Robert, Rachel, Daniel, Helen, Mark, Claire
anglo family: Thompson, Walker, Mitchell, Harris, Bennett, Collins, Reed, Morgan, Hughes, Carter, Fraser,
    Campbell
"""
NAME_ORDER = {"zh": "family", "kr": "family", "vn": "vn"}

MINISTERS = {"fm": "Foreign Minister", "dm": "Defence Minister", "im": "Interior Minister"}
MINISTER_TITLES = {
    "the United States": {
        "fm": "Secretary of State",
        "dm": "Defense Secretary",
        "im": "Homeland Security Secretary",
    },
    "Britain": {"fm": "Foreign Secretary", "dm": "Defence Secretary", "im": "Home Secretary"},
}

# long name, short name, the title of its envoy or head
ORGS = {
    "UN": ("the United Nations", "the UN", "UN special envoy"),
    "EU": ("the European Union", "the EU", "EU foreign policy chief"),
    "NATO": ("NATO", "NATO", "NATO Deputy Secretary-General"),
    "AU": ("the African Union", "the AU", "African Union envoy"),
    "OSCE": ("the Organization for Security and Co-operation in Europe", "the OSCE", "OSCE envoy"),
    "ASEAN": ("the Association of Southeast Asian Nations", "ASEAN", "ASEAN special envoy"),
    "OAS": ("the Organization of American States", "the OAS", "OAS Assistant Secretary-General"),
    "LAS": ("the Arab League", "the Arab League", "Arab League envoy"),
    "ECOWAS": ("the Economic Community of West African States", "ECOWAS", "ECOWAS mediator"),
    "IGAD": ("the Intergovernmental Authority on Development", "IGAD", "IGAD special envoy"),
}
# Organisations a story from each name pool's region is likely to mention.
REGION_ORGS = {
    "eur": ["EU", "NATO", "OSCE", "UN"],
    "slav": ["EU", "OSCE", "UN", "NATO"],
    "turk": ["OSCE", "NATO", "UN"],
    "persian": ["UN"],
    "arab": ["LAS", "UN"],
    "afr_e": ["AU", "IGAD", "UN"],
    "afr_w": ["AU", "ECOWAS", "UN"],
    "afr_s": ["AU", "UN"],
    "zh": ["UN", "ASEAN"],
    "jp": ["UN", "ASEAN"],
    "kr": ["UN"],
    "s_asia": ["UN"],
    "sea": ["ASEAN", "UN"],
    "vn": ["ASEAN", "UN"],
    "latam": ["OAS", "UN"],
    "anglo": ["UN", "NATO"],
}

VENUES = [
    "Geneva",
    "Vienna",
    "Doha",
    "Brussels",
    "New York",
    "Istanbul",
    "Oslo",
    "Addis Ababa",
    "Nairobi",
    "Cairo",
    "Singapore",
    "Helsinki",
    "Muscat",
    "Abu Dhabi",
    "Montevideo",
    "Jeddah",
    "Astana",
    "Bern",
]

# (name, domain, style): wire copy carries an agency dateline and a reporting credit.
OUTLETS = [
    ("Atlas Newswire", "atlasnewswire.example", "wire", "an"),
    ("Continental Press Agency", "continentalpress.example", "wire", "cpa"),
    ("The Northbridge Herald", "northbridgeherald.example", "paper", "nbh"),
    ("The Eastern Standard", "easternstandard.example", "paper", "es"),
    ("Global Dispatch", "globaldispatch.example", "online", "gd"),
    ("Harbourview Times", "harbourviewtimes.example", "paper", "hvt"),
]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WIRE_MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]

# Phrases drawn afresh each time a template asks for them.
CHOICES: dict[str, list[str]] = {
    "TOPIC": [
        "trade",
        "border security",
        "energy supplies",
        "migration",
        "climate finance",
        "water sharing",
        "grain exports",
        "nuclear safety",
        "counter-terrorism",
        "debt relief",
        "fishing rights",
        "the return of refugees",
        "a new gas pipeline",
        "visa rules",
        "arms control",
    ],
    "SECTOR": ["energy", "banking", "defence", "shipping", "mining", "telecommunications", "aviation"],
    "GOODS": ["wheat", "poultry", "fruit and vegetables", "steel", "wine", "fertiliser", "timber"],
    "SUPPLY": ["natural gas", "wheat", "electricity", "fertiliser", "diesel fuel", "coal"],
    "GROUP": [
        "thousands of protesters",
        "hundreds of students",
        "farmers",
        "opposition supporters",
        "striking workers",
        "tens of thousands of people",
        "teachers and health workers",
    ],
    "GRIEVANCE": [
        "the new fuel taxes",
        "the rising cost of living",
        "the election results",
        "a proposed media law",
        "cuts to pensions",
        "the closure of state factories",
        "a plan to extend presidential terms",
        "shortages of bread and fuel",
    ],
    "DEMAND": [
        "the resignation of the government",
        "higher wages and lower food prices",
        "the release of detained activists",
        "early elections",
        "an end to power cuts",
    ],
    "AID_NEED": [
        "floods have displaced tens of thousands of people",
        "drought has left millions short of food",
        "an earthquake destroyed thousands of homes",
        "fighting has cut off entire towns",
        "a cholera outbreak is spreading through camps for displaced people",
    ],
    "SANCTION_REASON": [
        "evade earlier sanctions",
        "supply weapons to armed groups",
        "launder money for senior officials",
        "suppress peaceful protests",
        "carry out cyber attacks on government networks",
    ],
    "AID_ORG": [
        "UNICEF",
        "the World Food Programme",
        "the International Committee of the Red Cross",
        "Doctors Without Borders",
        "the UN refugee agency",
        "the International Organization for Migration",
    ],
    "RIGHTS": [
        "Amnesty International",
        "Human Rights Watch",
        "a local human rights group",
        "the Committee to Protect Journalists",
    ],
    "LENDER": [
        "the International Monetary Fund",
        "the World Bank",
        "the African Development Bank",
        "the Asian Development Bank",
        "the European Bank for Reconstruction and Development",
    ],
    "POLICE": [
        "a police spokesman",
        "a police spokeswoman",
        "the regional police chief",
        "a spokesman for the interior ministry",
    ],
    "SPOX": [
        "a government spokesman",
        "a government spokeswoman",
        "a foreign ministry spokesman",
        "a senior official",
        "a presidential spokeswoman",
    ],
    "ARMY": ["an army spokesman", "a military spokesman", "a spokeswoman for the armed forces"],
    "ORD": ["second", "third", "fourth", "fifth"],
    "POP": ["about 800,000", "more than a million", "about 2 million", "roughly 450,000", "nearly 3 million"],
}


@dataclass(frozen=True)
class Person:
    full: str  # first mention, with the title: "Foreign Minister Anna Moreau"
    short: str  # later mentions: "Moreau"


@dataclass(frozen=True)
class Country:
    name: str
    capital: str
    demonym: str
    head: str
    pool: str
    cities: tuple[str, ...]


def _table_lines(text: str) -> list[str]:
    lines: list[str] = []
    for line in text.strip().splitlines():
        if line.startswith(" ") and lines:
            lines[-1] += " " + line.strip()
        elif line.strip():
            lines.append(line.strip())
    return lines


def _countries(text: str) -> list[Country]:
    countries = []
    for line in _table_lines(text):
        name, capital, demonym, head, pool, cities = (cell.strip() for cell in line.split("|"))
        countries.append(
            Country(name, capital, demonym, head, pool, tuple(city.strip() for city in cities.split(",")))
        )
    return countries


def _names(text: str) -> dict[str, dict[str, list[str]]]:
    pools: dict[str, dict[str, list[str]]] = {}
    for line in _table_lines(text):
        key, names = line.split(":")
        pool, kind = key.split()
        pools.setdefault(pool, {})[kind] = [name.strip() for name in names.split(",")]
    return pools


COUNTRIES = _countries(COUNTRY_TABLE)
NAMES = _names(NAME_TABLE)


# --- the sentence templates ------------------------------------------------------------------------
# Slots: {A} {B} {C} are the story's countries (A is where it happens), with _pos (possessive), _dem,
# _cap, _city; {A_lead} {A_fm} {A_dm} {A_im} {A_opp} are people (full name first, surname later);
# {ORG} is the story's organisation (long name first, then short), {ORG_head} its envoy. {DAY} {WHEN}
# {MONTH} {NEXT} {YEAR} are times, {N} {NN} {N3} {PCT} {MONEY} numbers; other names are CHOICES.

MEET = _blocks("""
{A_fm} met {B_fm} in {VENUE} {DAY} for talks on {TOPIC}, the first meeting between the two ministers since
{MONTH}.

{A_lead} arrived in {B_cap} {DAY} on a {N}-day state visit expected to focus on {TOPIC} and regional
security.

Delegations from {A} and {B} held a second round of talks in {VENUE} {DAY}, according to a statement from
the {A_dem} foreign ministry.

{B_lead} received {A_fm} in {B_cap} {DAY}, and the two discussed {TOPIC} as well as the situation along the
border.

Senior officials from {A}, {B} and {C} will meet in {VENUE} {NEXT} to prepare for a summit on {TOPIC},
diplomats said.

{A_fm} is due to travel to {B_cap} {NEXT} for talks with {B_lead}, the ministry said in a brief statement.

The talks in {VENUE} lasted more than {N} hours and ended without a joint statement, two people familiar
with the discussions said.

{ORG} hosted envoys from {A} and {B} {DAY} in an effort to revive negotiations that stalled {WHEN}.

{A_lead} and {B_lead} spoke by telephone {DAY} and agreed to stay in close contact on {TOPIC}, {A_pos}
government said.

{C_fm} is expected to join the talks {NEXT}, a sign that {C} wants a larger role in mediating the dispute.

It was the first visit to {B} by a leader from {A} in {N} years, and both sides described the atmosphere as
cordial.

{A_fm} told reporters in {VENUE} that the meeting with {B_fm} had been frank and that the two would meet
again {NEXT}.

{ORG_head} met {A_lead} in {A_cap} {DAY} and later travelled to {B_cap} for talks with the {B_dem}
leadership.

Negotiators from both sides are expected to resume talks in {VENUE} {NEXT}, after a pause of several weeks
caused by disagreements over {TOPIC}.

{A_pos} foreign ministry said {A_fm} had invited {B_fm} to visit {A_cap} before the end of the year to
continue the dialogue.

The two leaders met on the sidelines of a regional summit in {VENUE}, their first face-to-face encounter
since relations soured {WHEN}.

{B_fm} hosted a working dinner for {A_fm} {DAY}, and the two ministers are scheduled to hold formal talks in
{B_cap} the following morning.

Officials said the visit by {A_lead} would include stops in {B_cap} and {B_city}, where a business forum on
{TOPIC} is planned.

{A_dem} and {B_dem} military officers met at a border post {DAY} to discuss ways of preventing incidents
along the frontier, the {A_dem} army said.

The meeting in {VENUE} brought together foreign ministers from {N} countries, including {A}, {B} and {C}, to
discuss {TOPIC}.

{C_lead} offered to host the next round of talks in {C_cap}, saying {C} was ready to act as a neutral venue
for both sides.

A delegation of {A_dem} lawmakers visited {B_cap} {WHEN} and met members of the {B_dem} parliament to
discuss {TOPIC}.
""")

AGREE = _blocks("""
{A} and {B} signed an agreement in {VENUE} {DAY} to expand cooperation on {TOPIC} over the next {N} years.

{A_pos} government pledged {MONEY} in emergency aid to {B}, where {AID_NEED}.

{AID_ORG} said it would send {NN} tonnes of food and medical supplies to {B_city} {NEXT}, once the roads
reopen.

Under the deal, {A} will supply {B} with {SUPPLY} for {N} years, while {B} will ease restrictions on {A_dem}
investment.

{A_fm} and {B_fm} initialled a memorandum of understanding on {TOPIC}, which still needs to be approved by
both parliaments.

{C} promised {MONEY} to help rebuild schools and hospitals in {B}, {C_pos} development minister said at a
donor conference in {VENUE}.

{A_lead} pledged to increase military assistance to {B}, including air defence systems and ammunition,
during a visit to {B_cap} {DAY}.

The two governments agreed to reopen their embassies and restore direct flights between {A_cap} and {B_cap}
{NEXT}, the joint statement said.

{LENDER} approved a loan of {MONEY} for {B} {DAY}, tied to reforms of the tax system and the state energy
company.

{A} agreed to release {N} {B_dem} prisoners as part of an exchange brokered by {C}, officials on both sides
confirmed.

Donors meeting in {VENUE} pledged a total of {MONEY} for humanitarian operations in {B}, short of the amount
{ORG} had requested.

{AID_ORG} delivered food, water and tents to {NN} families in {B_city} {DAY}, the first aid to reach the
area in weeks.

{A} will provide {B} with training for its coast guard and border police under a security pact signed in
{A_cap}, the ministry said.

Both sides agreed to set up a joint commission to settle disputes over {TOPIC}, which is to meet for the
first time {NEXT}.

{B_pos} cabinet endorsed the agreement with {A} {DAY}, clearing the way for it to be ratified by parliament
later this month.

{A_lead} promised that {A} would double its financial contribution to {ORG}, speaking at a press conference
in {A_cap}.

{C} offered to mediate between {A} and {B}, and {C_fm} said talks could begin within days if both
governments agreed.

Lenders from {C} will co-finance a new power line linking {A} and {B}, according to a statement issued in
{VENUE} {DAY}.

{A} and {B} agreed {DAY} to extend a grain export arrangement for another {N} months, easing fears of
shortages in the region.

{A_pos} parliament voted by a wide margin to approve a {MONEY} aid package for {B}, despite objections from
some opposition lawmakers.

{A_dm} said {A} would send {N} military instructors to {B} to train soldiers in demining and field medicine.

Under the terms of the ceasefire agreement, both sides are to pull heavy weapons back {N} kilometres from
the front line near {B_city} within {N} days.
""")

SANCTION = _blocks("""
{A} imposed sanctions on {N} {B_dem} officials and {N} companies {DAY}, accusing them of helping to
{SANCTION_REASON}.

{A} announced a new package of sanctions against {B}, targeting its {SECTOR} sector and freezing the assets
of several senior officials.

The {A_dem} finance ministry said the measures would freeze any assets the individuals hold in {A} and bar
{A_dem} citizens from doing business with them.

{B_pos} foreign ministry called the sanctions illegal and said {B} would respond with measures of its own in
the coming days.

{A} lifted some restrictions on {B_dem} {SECTOR} exports {DAY}, citing progress in talks over {TOPIC}.

Ministers meeting in {VENUE} failed to agree on tougher sanctions against {B}, with {C} arguing that the
measures would hurt ordinary people.

The new restrictions ban the export to {B} of equipment that could be used for military purposes, including
drones and electronic components, {SPOX} said.

{B} retaliated {DAY} by banning imports of {GOODS} from {A}, a move that analysts said could cost {A_dem}
producers {MONEY} a year.

{A_fm} said the sanctions would stay in place until {B} released political prisoners and allowed independent
observers into the country.

A proposal to impose an arms embargo on {B} was blocked at the United Nations Security Council {DAY},
diplomats said.

{A} expelled {N} {B_dem} diplomats {DAY}, saying they had engaged in activities incompatible with their
status, a formula usually used for spying.

{B} responded by ordering the same number of {A_dem} diplomats to leave {B_cap} within {N} days, the foreign
ministry said.

The sanctions also target {N} vessels that {A_dem} officials say have been used to move oil from {B} in
breach of earlier restrictions.

{B_pos} currency fell sharply after the announcement, and the central bank in {B_cap} raised interest rates
to steady the market.

Business groups in {A} warned that the new trade restrictions on {B} would raise prices for consumers and
disrupt supply chains.

{A} recalled its ambassador from {B_cap} for consultations {DAY} in protest at what it called a campaign of
harassment against its diplomats.

{C} said it would not join the sanctions, arguing that dialogue with {B} was more likely to change the
government's behaviour.
""")

PROTEST = _blocks("""
{GROUP} marched through the centre of {A_cap} {DAY} to protest against {GRIEVANCE}, chanting slogans and
waving national flags.

Police in {A_city} fired tear gas and water cannon to disperse {GROUP} who had gathered outside the regional
government building.

{POLICE} said {N} people had been arrested and {N} officers injured during the clashes, which continued late
into the night.

{A_opp} was detained at the airport in {A_cap} {DAY} on charges of inciting unrest, according to the
opposition party.

Demonstrators blocked the main road between {A_cap} and {A_city} for several hours, demanding {DEMAND}.

The protests began {WHEN} after the government announced {GRIEVANCE}, and have since spread to at least {N}
cities.

{RIGHTS} called on the authorities in {A_cap} to release everyone detained for taking part in peaceful
protests.

{A_im} accused foreign-funded groups of organising the demonstrations in {A_city} and warned that further
unrest would be met with force.

Students occupied university buildings in {A_city} {DAY}, saying they would stay until the government
dropped {GRIEVANCE}.

Thousands of workers went on strike at ports and factories across {A} {DAY}, halting exports and forcing the
government to call emergency talks.

A court in {A_cap} sentenced {N} activists to prison terms of up to {N} years for organising what
prosecutors called illegal gatherings.

Riot police detained dozens of people in {A_cap} {DAY}, and witnesses said several protesters were beaten as
they were led away.

{A_opp} urged supporters to keep up the protests until early elections were called, speaking to a crowd of
several thousand in {A_city}.

The interior ministry banned all public gatherings in {A_cap} for {N} days, citing the risk of violence
ahead of the vote.

Protesters gathered outside the {B_dem} embassy in {A_cap} {DAY}, burning flags and demanding that the
ambassador be expelled.

{POLICE} said a man suspected of planning an attack on a rally in {A_city} had been arrested, and that
explosives had been found at his home.

{A_pos} prosecutor general opened an investigation into the deaths of {N} protesters, after videos appeared
to show police firing live rounds.

Farmers drove tractors into the centre of {A_cap} {DAY}, blocking traffic for hours to protest against
{GRIEVANCE}.

A journalist was arrested at {A_pos} main airport {WHEN} and charged with spreading false information,
according to a lawyer for the family.

Authorities cut mobile internet access in {A_city} for a second day, a step {RIGHTS} said was aimed at
stopping protesters from organising.

{A_lead} said {DAY} that the government was ready to talk to protest leaders but would not tolerate violence
or the destruction of property.

Opposition supporters rallied in {A_city} {DAY} to demand the release of activists who have been held
without charge since {MONTH}.
""")

VIOLENCE = _blocks("""
At least {N} people were killed when gunmen attacked a village near {A_city} {DAY}, local officials said.

{A_dem} troops clashed with rebel fighters near the border with {B}, leaving several soldiers dead and
others wounded, the army said.

A car bomb exploded outside a police station in {A_city}, killing {N} officers and wounding {N} passers-by,
according to the interior ministry.

{A} deployed {NN} additional troops to its border with {B} {DAY}, saying it needed to prevent smuggling and
infiltration by armed groups.

{B_pos} army said it had shot down {N} drones launched from {A_dem} territory overnight, and that debris had
damaged several homes.

The two sides agreed to a {N}-day ceasefire, brokered by {C} and {ORG}, to allow aid to reach civilians
trapped in {B_city}.

The ceasefire was broken within hours, with {A} and {B} each accusing the other of shelling residential
areas near {B_city}.

Air strikes hit several targets near {A_city} {DAY}, and residents said at least {N} civilians were among
the dead.

{A_dm} warned that {A} would respond with force if {B} carried out further military exercises close to its
territorial waters.

Militants ambushed a military convoy on the road to {A_city}, killing {N} soldiers, in the deadliest attack
on the army this year.

{ORG} said it would deploy additional monitors to {A_city} after a surge in fighting between rival armed
groups.

Naval vessels from {A} and {B} came within metres of each other near a disputed shoal {DAY}, according to
the {A_dem} coast guard.

The {A_dem} military said it had killed {N} insurgents in a raid on a hideout in the mountains north of
{A_city}.

{A_lead} ordered the army to take control of the border crossings with {B} after a series of attacks on
customs posts.

Rockets fired from across the border with {B} struck {A_city} overnight, damaging a school and a power
station, the mayor said.

{B_dm} said {B} had moved air defence units and armoured vehicles closer to the frontier in response to the
{A_dem} deployment.

Gunmen abducted {N} aid workers on the road between {A_city} and {A_cap} {DAY}, the organisation they work
for said in a statement.

Fighting between the army and rebel forces around {A_city} has displaced more than {NN} people since
{MONTH}, according to {AID_ORG}.

A suicide bomber blew himself up at a checkpoint outside {A_city}, killing {N} people, in an attack claimed
by a militant group.

{A} and {B} agreed to extend the truce by another month, after mediators from {C} shuttled between the two
delegations in {VENUE}.

The {A_dem} defence ministry said it would hold large-scale military drills near the border with {B} {NEXT},
involving some {NN} troops.

{A_pos} air force carried out strikes on what it said were weapons depots used by armed groups backed by
{B}.

{A_dem} and {B_dem} soldiers exchanged fire across the border for several hours {DAY}, before commanders on
both sides agreed to stop.

{A_dm} threatened to send troops into {B} unless its government acted against the militants using its
territory as a base.

Ceasefire monitors from {ORG} reported {NN} violations in the past week, most of them involving mortar and
artillery fire.

Both armies began withdrawing tanks and artillery from the front line {DAY}, the first step in a plan agreed
in {VENUE} {WHEN}.
""")

ACCUSE = _blocks("""
{A_fm} accused {B} of interfering in {A_pos} internal affairs and summoned the {B_dem} ambassador to explain
recent remarks by officials in {B_cap}.

{B} rejected the accusations as baseless, and a spokesman for its foreign ministry said {A} was trying to
distract attention from its own problems.

{A_lead} appealed to {ORG} to help end the fighting, warning that the crisis could spread to neighbouring
countries.

{B_pos} government dismissed the proposal from {A}, saying it did not address the root causes of the
conflict.

{RIGHTS} accused {A_dem} security forces of torturing detainees and called for an independent investigation
into deaths in custody.

{A_dm} warned {B} that any attack on {A_dem} territory would be met with a swift and decisive response.

{C_fm} urged both sides to show restraint and return to the negotiating table, in a statement issued in
{C_cap}.

{A} demanded that {B} withdraw its forces from the disputed area within {N} days, or face unspecified
consequences.

{A_opp} accused the government of rigging the election and called on the electoral commission to order a
recount in {A_city}.

The {B_dem} foreign ministry denied that its forces had crossed the border, and said the {A_dem} claims were
part of a disinformation campaign.

{ORG_head} called on {A} and {B} to respect international humanitarian law and to protect civilians,
speaking to reporters in {VENUE}.

{A_fm} criticised the decision by {B} to expel {A_dem} journalists, calling it an attack on press freedom.

{B_lead} refused to meet an envoy from {A}, according to officials who said the request had been turned down
at short notice.

{A} threatened to suspend trade talks with {B} unless it lifted the ban on {A_dem} {GOODS}, {SPOX} said.

{C} condemned the attack on {A_city} and expressed its condolences to the families of the victims, the
foreign ministry in {C_cap} said.

Lawmakers in {A_cap} passed a resolution condemning {B} and calling on the government to reduce diplomatic
ties.

{A_im} blamed {B_dem} intelligence services for a series of cyber attacks on government websites, a charge
officials in {B_cap} denied.

{B} rejected an appeal by {ORG} to allow aid convoys through the border crossing at {B_city}, citing
security concerns.

{A_lead} praised {B} for its support during the crisis and said relations between the two countries had
never been stronger.

{A_fm} said {A} would block any agreement that did not guarantee its access to the river's water, raising
the stakes ahead of the summit.

In a letter to the Security Council, {A} accused {B} of supplying weapons to rebels, an allegation {B} has
repeatedly denied.

{B_fm} said {B} was ready to resume dialogue with {A} but would not accept any preconditions set by the
government in {A_cap}.

{A} apologised to {B} for the incident, which it blamed on a navigation error, and offered compensation to
the families of the crew.
""")

QUOTE = _blocks("""
"We have made progress, but there is still a great deal of work to do before we can speak of an agreement,"
{A_fm} told reporters in {VENUE}.

"This is a dangerous escalation, and those responsible will be held to account," {A_dm} said in a televised
statement {DAY}.

"Our door remains open to dialogue, but we will not negotiate under threat," {B_lead} said in a speech in
{B_cap}.

"People are tired of promises. They want jobs, they want prices to come down," one protester in {A_city}
told {OUTLET}.

"The situation on the ground is getting worse by the day," {SPOX} said, adding that supplies of food and
medicine in {B_city} were running low.

"We call on all parties to exercise maximum restraint and to protect civilians," {ORG_head} said in a
statement issued {DAY}.

"These measures are aimed at the people responsible, not at the {B_dem} population," {A_fm} said at a news
conference.

"We will respond in a way and at a time of our choosing," {B_pos} foreign ministry said in a statement
posted online {DAY}.

"Nobody wants a war, but we have to be prepared to defend our citizens," {A_dm} told lawmakers in {A_cap}.

"This agreement shows what can be achieved when neighbours talk to each other," {A_lead} said at a signing
ceremony in {VENUE}.

"The arrests are part of a pattern of intimidation aimed at silencing critics ahead of the vote," said a
researcher at {RIGHTS} in {A_cap}.

"We did not start this conflict, and we are not the ones who can end it alone," {B_fm} said at a news
conference {DAY}.

"It was a long and difficult meeting, but an honest one," said a {C_dem} diplomat who attended the talks in
{VENUE}.

"Our forces acted in self-defence after coming under fire," {ARMY} said, adding that an investigation into
the incident near {A_city} had been opened.

"There can be no military solution to this crisis," {C_fm} said, urging both governments to return to talks
in {VENUE}.

"The money pledged today will save lives, but only if it arrives quickly and reaches the people who need
it," {ORG_head} said in {VENUE}.

"We heard gunfire all night. In the morning, we saw the bodies in the street," a resident of {A_city} told
{OUTLET} by telephone.

"We are ready to sign as soon as the other side is ready," {A_fm} said {DAY}, declining to give a date for
the ceremony.

"Sanctions have never changed our policy, and they will not change it now," {B_lead} said in remarks
broadcast on {B_dem} state television.

"The government has lost the trust of the people," {A_opp} told a rally in {A_city}, drawing loud cheers
from the crowd.

"Every day without a ceasefire costs more lives," {C_lead} said, offering {C_cap} as a venue for direct
talks.

"This is a matter for the courts, not for politicians," {A_im} said when asked about the arrests at a news
conference {DAY}.

"We will not allow our territory to be used to attack our neighbours," {B_dm} said in an interview with
{B_dem} state media.

"It is too early to say whether this will hold, but it is the best chance in years," said a {C_dem} diplomat
in {A_cap}, who asked not to be named.

"We are monitoring the situation closely and remain in contact with our partners in {A} and {B}," {C_pos}
foreign ministry said.

{A_fm} said the talks had been "constructive" and that {A} was "cautiously optimistic" about reaching a deal
{NEXT}.

{B_fm} described the proposal from {A_cap} as "a step in the right direction" but said several important
questions remained open.

A senior {A_dem} official, speaking on condition of anonymity, said the government was "deeply disappointed"
by the decision in {B_cap}.

"We want our children to grow up in peace," said a woman who had fled the fighting in {B_city} and now lives
in a camp in {A}.

"The law is clear, and everyone must respect it," {POLICE} said, adding that the ban on gatherings in
{A_cap} would be enforced.
""")

BACKGROUND = _blocks("""
Relations between {A} and {B} have been strained since {YEAR}, when a dispute over {TOPIC} led both sides to
recall their ambassadors.

{A} and {B} share a border of more than {NN} kilometres, much of it running through mountainous and sparsely
populated terrain.

The conflict has killed thousands of people and forced more than {NN} families from their homes since it
began in {YEAR}, according to aid agencies.

{B} is one of {A_pos} largest trading partners, with bilateral trade worth about {MONEY} last year.

The last round of talks, held in {VENUE} in {YEAR}, collapsed after the two sides failed to agree on the
sequence of steps.

{A_lead} came to power in {YEAR} promising to fight corruption and revive an economy hit by years of high
inflation.

{A} has faced repeated waves of protest since {YEAR}, driven by rising living costs and anger over what
critics call a lack of accountability.

{ORG} has had a presence in {A} since {YEAR}, but its mandate is due to expire at the end of the year.

The area around {B_city} has long been contested, and both {A} and {B} claim parts of it on the basis of
maps dating back to the colonial era.

Elections are due in {A} {NEXT}, and analysts say the government is keen to show progress on {TOPIC} before
the vote.

{B} has been under international sanctions since {YEAR}, which have cut it off from much of the global
financial system.

{A} and {B} fought a brief border war in {YEAR}, and a peace agreement signed the following year has never
been fully implemented.

About a third of {A_pos} population depends on farming, and poor harvests since {YEAR} have pushed food
prices to record levels.

{A_city}, home to {POP} people, has been at the centre of the unrest since the first demonstrations {WHEN}.

Both {A} and {B} belong to {ORG}, which has struggled to find a common position on the crisis.

{C} has close ties to both governments and has mediated between them in the past, most recently in {YEAR}.

The dispute over {TOPIC} has dragged on since {YEAR}, and several earlier attempts at mediation by {C} ended
in failure.

{A_pos} economy grew by {PCT} percent last year, but unemployment remains high, especially among young
people in the cities.

Tensions rose sharply {WHEN}, when {N} soldiers were killed in an exchange of fire in the disputed area.

{A} hosts more than {NN} refugees from {B}, most of them living in camps close to the border.

The government in {A_cap} has accused opposition parties of exploiting economic hardship for political gain,
a charge {A_opp} denies.

Under the constitution, {A_pos} parliament must approve any deployment of troops abroad, a step that has
proved contentious since {YEAR}.

Human rights groups have documented hundreds of arrests of journalists, activists and opposition politicians
in {A} over the past {N} years.

Trade between {A} and {C} has grown rapidly in recent years, and {C} is now the largest foreign investor in
{A_pos} {SECTOR} sector.

The border crossing at {B_city} is the main route for goods and aid entering {B}, and it has been closed {N}
times this year.
""")

FILLER = _blocks("""
The statement from {A_cap} did not give further details, and officials could not immediately be reached for
comment {DAY}.

It was not immediately clear how many people in {A_city} had been affected, and the figures could not be
independently verified by {OUTLET}.

Markets in {A_cap} were little changed on the news, and the {A_dem} currency traded close to its level of
the previous week.

Temperatures in {B_city} are expected to fall below freezing {NEXT}, which aid agencies say will add to the
hardship of displaced families.

The {A_dem} ministry's website was briefly unavailable {DAY}, and the statement was later posted on social
media.

Traffic in the centre of {A_cap} returned to normal by the evening, and most shops reopened {DAY}.

The full text of the agreement has not been published, and officials in {A_cap} would not say whether it
will be made public {NEXT}.

The figures are difficult to verify because access to the area around {A_city} is restricted and telephone
lines have been cut since {MONTH}.

Schools in {A_city} remained closed for a {ORD} day, and many residents stayed indoors as heavy rain fell
across the region.

The report runs to more than {N3} pages and includes {N} recommendations on transparency, budgeting and the
management of public funds.

Officials in {A_cap} said the details of the plan would be worked out by technical teams {NEXT}.

Analysts in {A_cap} said it was too early to judge the impact, noting that similar announcements since
{YEAR} had not always been followed through.

The meeting in {VENUE} took place behind closed doors {DAY}, and journalists were kept outside the building
for most of the day.

{A_pos} national statistics office is due to publish new figures on inflation and unemployment {NEXT}.

Flights between {A_cap} and {VENUE} were delayed for several hours because of fog, according to the airport
operator.

It was the {ORD} such announcement this year, and the earlier ones were largely symbolic, according to
diplomats in {A_cap}.

{OUTLET} could not establish where the document had come from, and officials in {A_cap} declined to confirm
its authenticity.

A decision on the matter is expected {NEXT}, although officials in {A_cap} cautioned that the timetable
could still slip.

The hearing in {A_cap} was adjourned until {NEXT} at the request of the defence, which said it needed more
time to review the evidence.

Several roads north of {A_city} were still impassable after the storms {WHEN}, delaying the delivery of
supplies to remote villages.

The government has not said how the programme will be funded, and the {A_dem} finance ministry declined to
comment on the costs {DAY}.

Officials expect the number of visitors to {A_city} to rise this summer, after a new airport terminal opened
{WHEN}.

The figures were published {DAY} in an annual report from {A_cap} that also covers spending on health,
education and roads.

The announcement came a day after the central bank in {A_cap} left interest rates unchanged at {PCT}
percent.
""")

TEMPLATES: dict[str, list[str]] = {
    "meet": MEET,
    "agree": AGREE,
    "sanction": SANCTION,
    "protest": PROTEST,
    "violence": VIOLENCE,
    "accuse": ACCUSE,
    "quote": QUOTE,
    "background": BACKGROUND,
    "filler": FILLER,
}

# Headlines use no people, so that the story's first mention of each person keeps the full title.
HEADLINES: dict[str, list[str]] = {
    "diplomacy": [
        "{A} and {B} hold talks on {TOPIC} in {VENUE}",
        "{A_dem} foreign minister visits {B_cap} as ties thaw",
        "{A}, {B} agree to resume dialogue after {N}-month pause",
        "{C} offers to mediate between {A} and {B}",
        "{A_dem} leader arrives in {B} for first state visit in years",
    ],
    "aid": [
        "{ORG_s} pledges more aid to {B} as crisis deepens",
        "Donors promise {MONEY} for {B} at {VENUE} conference",
        "Aid convoy reaches {B_city} after weeks of delays",
        "{A} to send emergency supplies to {B}",
    ],
    "sanctions": [
        "{A} imposes new sanctions on {B_dem} officials",
        "{B} vows retaliation after {A} sanctions",
        "{A} expels {B_dem} diplomats in widening row",
        "{A} targets {B_dem} {SECTOR} sector with new curbs",
    ],
    "unrest": [
        "Thousands protest in {A_cap} against {GRIEVANCE}",
        "Police arrest dozens as protests spread across {A}",
        "{A_dem} opposition leader detained as unrest grows",
        "Strikes and protests paralyse {A_city}",
    ],
    "conflict": [
        "At least {N} killed in attack near {A_city}",
        "{A} deploys troops to {B} border after clashes",
        "Ceasefire between {A} and {B} comes under strain",
        "Drone strike hits {A_city} as fighting intensifies",
    ],
    "dispute": [
        "{A} accuses {B} of meddling, summons envoy",
        "{B} rejects {A_dem} demands over disputed border",
        "{A} warns {B} against further military drills",
        "{C} urges restraint as {A}-{B} row escalates",
    ],
}

# How often each kind of sentence appears in a story of each topic; the first kind gives the lead.
_USUAL = {"quote": 2.5, "background": 2.5, "filler": 1.5}
TOPICS: dict[str, dict[str, float]] = {
    "diplomacy": {"meet": 5, "agree": 3, "accuse": 1, "sanction": 0.5, **_USUAL},
    "aid": {"agree": 5, "meet": 2, "violence": 1, "accuse": 1, **_USUAL},
    "sanctions": {"sanction": 5, "accuse": 2.5, "meet": 1, **_USUAL},
    "unrest": {"protest": 5, "accuse": 1.5, "violence": 1, **_USUAL},
    "conflict": {"violence": 5, "accuse": 2, "agree": 1, "meet": 1, **_USUAL},
    "dispute": {"accuse": 5, "sanction": 1, "violence": 1, "meet": 1.5, **_USUAL},
}

SLOT = re.compile(r"\{([A-Za-z0-9_]+)\}")


# --- filling the templates -------------------------------------------------------------------------


class Story:
    """The cast and circumstances of one article; fills template slots consistently across its sentences."""

    def __init__(self, rng: random.Random, date: dt.date, outlet: str) -> None:
        self.rng = rng
        self.date = date
        self.outlet = outlet
        a = rng.choice(COUNTRIES)
        others = [country for country in COUNTRIES if country is not a]
        # Most stories are about neighbours or countries of the same region.
        same = [country for country in others if REGIONS[country.pool] == REGIONS[a.pool]]
        b = rng.choice(same if same and rng.random() < 0.65 else others)
        c = rng.choice([country for country in others if country is not b])
        self.countries = {"A": a, "B": b, "C": c}
        self.cities = {key: rng.choice(country.cities) for key, country in self.countries.items()}
        org = ORGS[rng.choice(REGION_ORGS[a.pool])]
        self.org_long, self.org_short = org[0], org[1]
        self.surnames: set[str] = set()
        self.people: dict[str, Person] = {"ORG_head": self._person(rng.choice(list(NAMES)), org[2])}
        for key, country in self.countries.items():
            titles = {"lead": country.head, "opp": "opposition leader"}
            titles.update(
                {
                    role: MINISTER_TITLES.get(country.name, {}).get(role, title)
                    for role, title in MINISTERS.items()
                }
            )
            for role, title in titles.items():
                self.people[f"{key}_{role}"] = self._person(country.pool, title, country.demonym)
        venues = [v for v in VENUES if v not in (a.capital, b.capital)]
        self.fixed = {
            "VENUE": rng.choice(venues),
            "TOPIC": rng.choice(CHOICES["TOPIC"]),
            "GRIEVANCE": rng.choice(CHOICES["GRIEVANCE"]),
            "SECTOR": rng.choice(CHOICES["SECTOR"]),
            "OUTLET": outlet,
        }
        self.mentioned: set[str] = set()

    def _person(self, pool: str, title: str, demonym: str = "") -> Person:
        order, given, family = NAME_ORDER.get(pool, "given"), NAMES[pool]["given"], NAMES[pool]["family"]
        for _ in range(20):
            # Two people of one story who share a surname would make later mentions ambiguous.
            first, last = self.rng.choice(given), self.rng.choice(family)
            short = first.split()[-1] if order == "vn" else last
            if short not in self.surnames:
                break
        self.surnames.add(short)
        if demonym and self.rng.random() < 0.6:
            title = f"{demonym} {title}"  # "Kenyan Foreign Minister ...", as wire copy often writes it
        name = f"{first} {last}" if order == "given" else f"{last} {first}"
        return Person(f"{title} {name}", short)

    def fill(self, template: str) -> str:
        text = SLOT.sub(lambda match: self.slot(match.group(1)), template)
        return _capitalise(text)

    def slot(self, name: str) -> str:
        if name in self.people:
            person = self.people[name]
            first = name not in self.mentioned
            self.mentioned.add(name)
            return person.full if first else person.short
        if name == "ORG":
            first = "ORG" not in self.mentioned
            self.mentioned.add("ORG")
            return self.org_long if first else self.org_short
        if name == "ORG_s":
            return self.org_short
        if name in self.fixed:
            return self.fixed[name]
        if name in CHOICES:
            return self.rng.choice(CHOICES[name])
        key, _, part = name.partition("_")
        if key in self.countries:
            return self._country_slot(key, part)
        return self._time_or_number(name)

    def _country_slot(self, key: str, part: str) -> str:
        country = self.countries[key]
        if part == "":
            return country.name
        if part == "pos":
            return country.name + ("'" if country.name.endswith("s") else "'s")
        if part == "dem":
            return country.demonym
        if part == "cap":
            return country.capital
        if part == "city":
            return self.cities[key]
        raise KeyError(f"unknown slot {key}_{part}")

    def _time_or_number(self, name: str) -> str:
        rng, date = self.rng, self.date
        if name == "DAY":
            # The event is reported on the day it happens or the day after.
            return "on " + WEEKDAYS[(date.weekday() - rng.choice((0, 0, 1))) % 7]
        if name == "WHEN":
            earlier = WEEKDAYS[(date.weekday() - rng.randint(2, 5)) % 7]
            return rng.choice(
                [
                    "last week",
                    "earlier this month",
                    f"on {earlier}",
                    "last month",
                    f"in {MONTHS[(date.month - 2) % 12]}",
                    "late last year",
                    "two weeks ago",
                ]
            )
        if name == "MONTH":
            return MONTHS[(date.month - 1 - rng.randint(1, 6)) % 12]
        if name == "NEXT":
            later = MONTHS[(date.month - 1 + rng.randint(1, 3)) % 12]
            return rng.choice(
                [
                    "next week",
                    "later this month",
                    "next month",
                    "before the end of the year",
                    f"in {later}",
                    "in the coming days",
                ]
            )
        if name == "YEAR":
            return str(rng.randint(1998, 2023))
        if name == "N":
            return str(rng.choice([2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 15, 17, 20, 23, 30, 40]))
        if name == "NN":
            return f"{rng.randrange(200, 9000, 50):,}"
        if name == "N3":
            return str(rng.randrange(80, 400, 10))
        if name == "PCT":
            return f"{rng.uniform(0.5, 9.5):.1f}"
        if name == "MONEY":
            return rng.choice(
                [
                    f"${rng.randrange(20, 950, 10)} million",
                    f"${rng.randint(1, 9)}.{rng.randint(1, 9)} billion",
                    f"{rng.randrange(50, 900, 25)} million euros",
                ]
            )
        raise KeyError(f"unknown slot {name}")


def _capitalise(text: str) -> str:
    # A sentence may open with "the United States" or a quotation mark.
    for i, char in enumerate(text[:2]):
        if char.isalpha():
            return text[:i] + char.upper() + text[i + 1 :]
    return text


# --- composing articles ---------------------------------------------------------------------------


def _headline(story: Story, topic: str) -> str:
    # Headlines are filled without touching the story's first-mention state.
    mentioned = set(story.mentioned)
    headline = story.fill(story.rng.choice(HEADLINES[topic]))
    story.mentioned = mentioned
    return headline


def _dateline(story: Story, style: str) -> str:
    city = story.countries["A"].capital
    if style == "wire":
        return f"{city.upper()}, {WIRE_MONTHS[story.date.month - 1]} {story.date.day} ({story.outlet}) - "
    if style == "paper":
        return f"{city.upper()} \u2014 "
    return f"{city} ({story.outlet}) \u2014 "


def _body(story: Story, topic: str, target: int, style: str) -> str:
    rng = story.rng
    weights = TOPICS[topic]
    # Each template is used at most once per article, in a shuffled order.
    queues = {kind: rng.sample(TEMPLATES[kind], len(TEMPLATES[kind])) for kind in weights}
    lead_kind = next(iter(weights))
    paragraphs = [_dateline(story, style) + story.fill(queues[lead_kind].pop())]
    words = len(paragraphs[0].split())
    credit = _credit(story) if style == "wire" else ""
    limit = MAX_WORDS - len(credit.split())
    while words < target:
        sentences = []
        for _ in range(rng.choices((1, 2, 3), weights=(3, 4, 2))[0]):
            kinds = [kind for kind in weights if queues[kind]]
            if not kinds:
                break
            kind = rng.choices(kinds, weights=[weights[k] for k in kinds])[0]
            sentences.append(story.fill(queues[kind].pop()))
        paragraph = " ".join(sentences)
        size = len(paragraph.split())
        if not sentences or words + size > limit:
            break
        paragraphs.append(paragraph)
        words += size
    if credit:
        paragraphs.append(credit)
    return "\n\n".join(paragraphs)


def _credit(story: Story) -> str:
    pool = NAMES[story.rng.choice(["anglo", "eur", "slav", "latam"])]
    given, family = pool["given"], pool["family"]
    reporter = f"{story.rng.choice(given)} {story.rng.choice(family)}"
    editor = f"{story.rng.choice(given)} {story.rng.choice(family)}"
    return f"(Reporting by {reporter}; Editing by {editor})"


def _slug(title: str) -> str:
    words = re.sub(r"[^a-z0-9 ]+", "", title.lower()).split()
    return "-".join(words[:8])


def _article(rng: random.Random, index: int) -> dict:
    name, domain, style, prefix = rng.choice(OUTLETS)
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))  # 2024 is a leap year
    story = Story(rng, date, name)
    topic = rng.choice(list(TOPICS))
    title = _headline(story, topic)
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    text = _body(story, topic, target, style)
    stamp = date.strftime("%Y%m%d")
    return {
        "id": f"{prefix}-{stamp}-{index:06d}",
        "title": title,
        "text": text,
        "date": date.isoformat(),
        "url": f"https://www.{domain}/world/{date:%Y/%m/%d}/{_slug(title)}-{index}",
        "outlet": name,
    }


def _snippet(rng: random.Random, index: int) -> dict:
    """A news snippet: an article's opening, the dateline and one to three sentences of its body."""
    name, domain, style, prefix = rng.choice(OUTLETS)
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))
    story = Story(rng, date, name)
    topic = rng.choice(list(TOPICS))
    title = _headline(story, topic)
    weights = TOPICS[topic]
    queues = {kind: rng.sample(TEMPLATES[kind], len(TEMPLATES[kind])) for kind in weights}
    sentences = [story.fill(queues[next(iter(weights))].pop())]
    for _ in range(rng.choices((0, 1, 2), weights=(3, 4, 2))[0]):
        kinds = [kind for kind in weights if queues[kind]]
        kind = rng.choices(kinds, weights=[weights[k] for k in kinds])[0]
        sentences.append(story.fill(queues[kind].pop()))
    text = _dateline(story, style) + " ".join(sentences)
    return {
        "id": f"{prefix}-{date:%Y%m%d}-s{index:06d}",
        "title": title,
        "text": text,
        "date": date.isoformat(),
        "url": f"https://www.{domain}/world/{date:%Y/%m/%d}/{_slug(title)}-s{index}",
        "outlet": name,
    }


def snippets(n: int, *, seed: int = 0) -> Iterator[dict]:
    """``n`` invented news snippets of one to three sentences, the same ones for the same seed."""
    return _distinct(_snippet, n, seed, lambda words: True)


def articles(n: int, *, seed: int = 0) -> Iterator[dict]:
    """``n`` invented news articles, the same ones for the same seed."""
    return _distinct(_article, n, seed, lambda words: MIN_WORDS <= words <= MAX_WORDS)


def _distinct(
    draw: Callable[[random.Random, int], dict], n: int, seed: int, fits: Callable[[int], bool]
) -> Iterator[dict]:
    rng = random.Random(seed)
    seen: set[str] = set()
    for index in range(n):
        while True:
            record = draw(rng, index)
            digest = hashlib.sha1(record["text"].encode("utf-8")).hexdigest()
            # Redraw (deterministically) the rare story that repeats another or has the wrong length.
            if digest not in seen and fits(len(record["text"].split())):
                seen.add(digest)
                yield record
                break


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write N invented news articles as JSON lines to stdout.")
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--snippets", action="store_true", help="news snippets of 1-3 sentences instead")
    args = parser.parse_args(argv)
    out = sys.stdout
    for record in (snippets if args.snippets else articles)(args.n, seed=args.seed):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
