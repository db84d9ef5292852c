#!/usr/bin/env python3
"""Writes fixtures/fij/history.jsonl: the FIJ's history 2022-2025 as `fij import` lines.

Reconstructed from ../shared/DOMAIN.md; every figure the documents do not give is invented and
listed in fixtures/fij/README.md. Deterministic: run from the repo root,
    python3 scripts/make_history.py
"""
import datetime
import json

L = []


def cmd(c, **opts):
    line = {"cmd": c}
    for k, v in opts.items():
        line[k.replace("_", "-")] = v
    L.append(json.dumps(line, ensure_ascii=False))


def comment(text):
    L.append("# " + text)


def siren(prefix8):
    """A 9-digit number with a valid Luhn key (fictitious SIRENs)."""
    digits = [int(c) for c in prefix8]
    for key in range(10):
        d = digits + [key]
        s = 0
        for i, x in enumerate(d):
            if i % 2 == 1:
                x *= 2
                if x > 9:
                    x -= 9
            s += x
        if s % 10 == 0:
            return prefix8 + str(key)
    raise ValueError


def plus_days(iso, n):
    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=n)).isoformat()


def months(y, m, n):
    out = []
    for _ in range(n):
        out.append((y, m))
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


comment("The fund, its agrément, its second fund and roles")
cmd("init", fund_name="Fonds d'Impulsion Jurassien", siren=siren("90245137"),
    address="Clus'Ter Jura, 13 rue Rouget de Lisle, 39000 Lons-le-Saunier",
    object="Aides financières et prestations d'accompagnement aux petites et moyennes entreprises "
           "pour l'expérimentation de projets entrepreneuriaux coopératifs de territoire "
           "(art. 238 bis 4 du CGI)",
    signer="Claire Vuillermoz, présidente", agrement="AGR-238BIS4-2022-039",
    agrement_from="2022-01-01", agrement_to="2024-12-31", date="2022-01-10")
cmd("agrement add AGR-238BIS4-2025-012", **{"from": "2025-01-01"}, to="2027-12-31")
cmd("fund add fc", name="Fonds de confiance (France Active Franche-Comté)",
    exclude_carrier_form="local branch of a national organisation", date="2022-01-10")
cmd("role grant secretariat", role="secretary")
cmd("role grant cac-audit", role="auditor")
for y, lines in ((2022, ["patronage=0", "france-active=30000", "public-funding=35000",
                         "loan-repayments=0"]),
                 (2023, ["patronage=80000", "france-active=30000", "loan-repayments=0"]),
                 (2024, ["patronage=75000", "france-active=30000", "loan-repayments=5000"]),
                 (2025, ["patronage=70000", "france-active=30000", "loan-repayments=10000"])):
    cmd("budget-plan", year=str(y), line=lines, date=f"{y-1}-12-15")

comment("Committees: founders (2022), patrons who vote (2023 on), participants, secretary")
members = [
    ("m-clus", "Clus'Ter Jura (fondateur)", "voting", "2022-01-10"),
    ("m-fa", "France Active Franche-Comté (fondateur)", "voting", "2022-01-10"),
    ("m-reg", "Représentant des sociétaires", "voting", "2022-01-10"),
    ("m-sec", "Coordinatrice administrative et financière", "secretary", "2022-01-10"),
]
for mid, name, role, d in members:
    cmd(f"committee add-member {mid}", fund="fij", name=name, role=role, date=d)
for mid, name in (("f-1", "France Active FC, chargé d'investissement"),
                  ("f-2", "France Active FC, administrateur"),
                  ("f-3", "Banque des Territoires, représentant")):
    cmd(f"committee add-member {mid}", fund="fc", name=name, role="voting", date="2022-01-10")

comment("Public funding of the pilot (historic supporters) and France Active's yearly 30 k EUR")
cmd("subsidy record region-2022", **{"from": "Région Bourgogne-Franche-Comté"}, amount="20000",
    date="2022-02-15", year="2022", kind="public")
cmd("subsidy record bdt-2022", **{"from": "Banque des Territoires"}, amount="15000",
    date="2022-03-01", year="2022", kind="public")
for y in (2022, 2023, 2024, 2025):
    cmd(f"subsidy record fa-{y}", **{"from": "France Active Franche-Comté (Fonds de confiance)"},
        amount="30000", date=f"{y}-02-01", year=str(y), kind="private")

comment("2022: the pilot, Végétal Local")
cmd("project add vegetal-local", name="Végétal Local : collecte et vente de semences sauvages locales",
    carrier="SCIC Végétal Local Jura", carrier_form="SCIC", territory="Jura",
    description="Test of a collectors' network for wild local seeds", date="2022-01-20")
cmd("call open pilote-2022", fund="fij", **{"from": "2022-01-15"}, to="2022-02-28")
cmd("apply", call="pilote-2022", project="vegetal-local", date="2022-02-01")
cmd("session open s-2022-03", fund="fij", date="2022-03-10", agenda="vegetal-local", **{"as": "secretariat"})
for m in ("m-clus", "m-fa", "m-reg", "m-sec"):
    cmd("session attend s-2022-03", member=m, **{"as": "secretariat"})
for m in ("m-clus", "m-fa", "m-reg"):
    cmd("vote", session="s-2022-03", project="vegetal-local", member=m, choice="for", **{"as": "secretariat"})
cmd("decide d-2022-vl", session="s-2022-03", project="vegetal-local", grant="45000", loan="10000",
    term="30", deferral="10", conditions="Hire the test's developer for 8 months",
    **{"as": "secretariat"})
cmd("session close s-2022-03", **{"as": "secretariat"})
for cat, amount in (("salary", "28000"), ("material", "12000"), ("support", "10000"), ("fund", "5000")):
    cmd("experiment budget", project="vegetal-local", category=cat, amount=amount, date="2022-03-15")
cmd("grant disburse t-vl-1", decision="d-2022-vl", amount="25000", date="2022-03-20")
cmd("grant disburse t-vl-2", decision="d-2022-vl", amount="20000", date="2022-07-01")
cmd("loan disburse L-VL", decision="d-2022-vl", date="2022-06-15")
for i, (y, m) in enumerate(months(2022, 4, 8)):
    cmd(f"experiment expense x-vl-sal-{i+1}", project="vegetal-local", category="salary",
        amount="3500", date=f"{y}-{m:02d}-28", description="Developer's salary and charges")
for i, (what, amount, d) in enumerate((("De-pulping (ESAT)", "4200", "2022-09-15"),
                                        ("Shipping and packaging", "3800", "2022-10-20"),
                                        ("Collectors' equipment", "3900", "2022-05-10"))):
    cmd(f"experiment expense x-vl-mat-{i+1}", project="vegetal-local", category="material",
        amount=amount, date=d, description=what)
cmd("experiment expense x-vl-sup-1", project="vegetal-local", category="support", amount="10000",
    date="2022-11-30", description="Clus'Ter Jura engineering support")
cmd("experiment expense x-vl-fund-1", project="vegetal-local", category="fund", amount="4500",
    date="2022-12-15", description="Fund innovation and network animation")
cmd("experiment close", project="vegetal-local", date="2022-12-31",
    outcome="13 collectors (4 independent), 4 de-pulpers (one ESAT), 2 packers/shippers, "
            "8 nursery buyers; seed orders 34 706,80 EUR in 2022")
cmd("close-year 2022", date="2023-03-31")

comment("2023: patrons, pledges and the 90 000 EUR raised")
companies = [
    # id, name, legal form, siren prefix, address
    ("fondation-entreprendre", "Fondation Entreprendre", "Fondation reconnue d'utilité publique", "81234560", "31 rue de la Bienfaisance, 75008 Paris"),
    ("fondation-rte", "Fondation RTE", "Fondation d'entreprise", "44461923", "Immeuble Window, 7C place du Dôme, 92073 La Défense"),
    ("credit-agricole-fc", "Crédit Agricole Franche-Comté", "Société coopérative à capital variable", "38419823", "11 avenue Élisée Cusenier, 25000 Besançon"),
    ("demain", "Groupe Coopératif Demain", "SCIC SA", "51233420", "8 rue des Coopérateurs, 39100 Dole"),
    ("edf-urut", "EDF Une Rivière Un Territoire", "SAS", "88217364", "2 rue de la Plaine, 39300 Champagnole"),
    ("bel", "Groupe Bel", "SA", "54203040", "2 allée de Longchamp, 92150 Suresnes"),
    ("formacoop", "Formacoop", "SCOP SARL", "49230147", "5 rue du Commerce, 39000 Lons-le-Saunier"),
    ("2pr-consulting", "2PR Consulting", "SARL", "83012457", "14 avenue Jean Moulin, 39000 Lons-le-Saunier"),
    ("orsa-free", "Orsa Free", "SAS", "90321884", "3 place de la Liberté, 39000 Lons-le-Saunier"),
    ("morteau-saucisse", "Morteau Saucisse", "SAS", "42918035", "ZA du Bas de la Chaux, 25500 Morteau"),
    ("coopilote", "Coopilote", "SCOP SA", "44019562", "6 rue Louis Rousseau, 39100 Dole"),
]
for pid, name, form, sp, addr in companies:
    addr_kw = {"address": addr}
    if pid == "2pr-consulting":
        addr_kw = {"address": "14 avenue Jean Moulin, 39000 Lons"}  # corrected below
    cmd(f"partner add {pid}", kind="company", name=name, siren=siren(sp), legal_form=form, **addr_kw)
citizens = [
    ("patrick-gache", "Patrick Gaché", "4 rue des Salines, 39000 Lons-le-Saunier"),
    ("anne-roussel", "Anne Roussel", "17 chemin des Vignes, 39210 Voiteur"),
    ("marc-bourgeois", "Marc Bourgeois", "2 impasse du Moulin, 39570 Montmorot"),
    ("lucie-faivre", "Lucie Faivre", "9 grande rue, 39230 Sellières"),
]
for pid, name, addr in citizens:
    cmd(f"partner add {pid}", kind="individual", name=name, address=addr)

pledges = [
    ("pl-fondation-rte", "fondation-rte", "5000", "3", False),
    ("pl-morteau", "morteau-saucisse", "10000", "3", False),
    ("pl-2pr", "2pr-consulting", "7000", "3", False),
    ("pl-credit-agricole", "credit-agricole-fc", "15000", "3", True),
    ("pl-coopilote", "coopilote", "5000", "3", True),
    ("pl-formacoop", "formacoop", "5000", "3", False),
    ("pl-anne-roussel", "anne-roussel", "1000", "3", False),
    ("pl-marc-bourgeois", "marc-bourgeois", "1000", "3", False),
    ("pl-lucie-faivre", "lucie-faivre", "1000", "3", False),
]
for plid, partner, amount, years, renewable in pledges:
    cmd(f"pledge add {plid}", partner=partner, amount=amount, years=years, **{"from": "2023"},
        renewable=renewable, date="2023-01-20")

# The 2023 gifts: 90 000 EUR.
gifts_2023 = [
    ("g23-fondation-entreprendre", "fondation-entreprendre", "15000", "2023-02-20", "transfer", None, "0"),
    ("g23-edf-urut", "edf-urut", "20000", "2023-03-06", "transfer", None, "1500"),
    ("g23-credit-agricole", "credit-agricole-fc", "15000", "2023-03-15", "transfer", "pl-credit-agricole", "1000"),
    ("g23-morteau", "morteau-saucisse", "10000", "2023-03-28", "cheque", "pl-morteau", "500"),
    ("g23-2pr", "2pr-consulting", "7000", "2023-04-05", "transfer", "pl-2pr", "0"),
    ("g23-fondation-rte", "fondation-rte", "5000", "2023-04-12", "transfer", "pl-fondation-rte", "0"),
    ("g23-coopilote", "coopilote", "5000", "2023-04-20", "transfer", "pl-coopilote", "0"),
    ("g23-formacoop", "formacoop", "5000", "2023-05-02", "transfer", "pl-formacoop", "0"),
    ("g23-demain", "demain", "2000", "2023-05-15", "cheque", None, "0"),
    ("g23-bel", "bel", "1000", "2023-06-01", "transfer", None, "0"),
    ("g23-orsa-free", "orsa-free", "1000", "2023-06-09", "card", None, "0"),
    ("g23-patrick-gache", "patrick-gache", "1000", "2023-06-15", "cheque", None, "25"),
    ("g23-anne-roussel", "anne-roussel", "1000", "2023-09-10", "transfer", "pl-anne-roussel", "0"),
    ("g23-marc-bourgeois", "marc-bourgeois", "1000", "2023-09-18", "debit", "pl-marc-bourgeois", "0"),
    ("g23-lucie-faivre", "lucie-faivre", "1000", "2023-10-02", "cheque", "pl-lucie-faivre", "0"),
]
for gid, partner, amount, d, method, pledge, counterparts in gifts_2023:
    opts = dict(partner=partner, amount=amount, date=d, method=method)
    if pledge:
        opts["pledge"] = pledge
    if counterparts != "0":
        opts["counterparts"] = counterparts
        opts["counterparts_description"] = ("Logo in the annual report and on the website"
                                            if partner in dict((c[0], 1) for c in companies)
                                            else "The fund's illustrated yearbook")
    cmd(f"gift record {gid}", **opts)

comment("2023: patrons join the FIJ committee; the call for projects; La Salamandre")
for mid, name, partner in (("p-morteau", "Morteau Saucisse (mécène)", "morteau-saucisse"),
                           ("p-ca", "Crédit Agricole Franche-Comté (mécène)", "credit-agricole-fc"),
                           ("p-edf", "EDF URUT (mécène)", "edf-urut"),
                           ("p-fe", "Fondation Entreprendre (mécène)", "fondation-entreprendre"),
                           ("p-gache", "Patrick Gaché (mécène citoyen)", "patrick-gache")):
    cmd(f"committee add-member {mid}", fund="fij", name=name, partner=partner, role="voting", date="2023-03-01")
cmd("committee remove-member m-reg", date="2023-03-01")
cmd("committee add-member soc-1", fund="fij", name="Sociétaire de Clus'Ter Jura", role="participant", date="2023-03-01")

projects_2023 = [
    ("salamandre", "Épicerie solidaire La Salamandre", "Secours Catholique (délégation du Jura)", "local branch of a national organisation", "Lons-le-Saunier"),
    ("maison-alimentation", "Maison de l'alimentation", "Collectif Alimentation Jura", "association", "Dole"),
    ("recyclerie-bresse", "Recyclerie de la Bresse jurassienne", "Association Bresse Réemploi", "association", "Bletterans"),
    ("tiers-lieu-haut-jura", "Tiers-lieu du Haut-Jura", "SCIC Haut-Jura Ensemble", "SCIC", "Saint-Claude"),
    ("garage-solidaire", "Garage solidaire", "Association Roule Ma Poule", "association", "Champagnole"),
    ("conserverie", "Conserverie coopérative", "Groupement de maraîchers", "SCOP", "Arbois"),
    ("bois-local", "Filière bois local", "Collectif Forêts du Jura", "association", "Poligny"),
    ("cafe-culturel", "Café culturel itinérant", "Association La Roulotte", "association", "Orgelet"),
    ("mobilite-rurale", "Mobilité rurale partagée", "SCIC Jura Mobilités", "SCIC", "Morez"),
    ("legumerie", "Légumerie pour la restauration collective", "CIAP Jura", "SCIC", "Lons-le-Saunier"),
    ("atelier-velo", "Atelier vélo participatif", "Association Dérailleurs", "association", "Dole"),
    ("fromagerie-ecole", "Fromagerie-école", "Coopérative fromagère de Plasne", "coopérative agricole", "Plasne"),
    ("habitat-partage", "Habitat partagé seniors", "Association Vivre Ensemble", "association", "Salins-les-Bains"),
    ("ressourcerie-textile", "Ressourcerie textile", "Association Fil à Fil", "association", "Lons-le-Saunier"),
    ("epicerie-vrac", "Épicerie vrac itinérante", "SCOP Le Vrac Jurassien", "SCOP", "Louhans"),
    ("energie-citoyenne", "Énergie citoyenne du Revermont", "SAS Revermont Énergies", "SAS citoyenne", "Saint-Amour"),
    ("services-domicile", "Coopérative de services à domicile", "SCIC Aide et Liens", "SCIC", "Dole"),
    ("pain-paysan", "Fournil paysan", "GAEC du Fournil", "GAEC", "Chaussin"),
    ("jardin-insertion", "Jardin d'insertion", "Association Les Jardins du Val", "association", "Champagnole"),
    ("lavoir-numerique", "Espace numérique rural", "Association Connectés", "association", "Clairvaux-les-Lacs"),
    ("laine-jura", "Valorisation de la laine locale", "Collectif Laine du Jura", "association", "Nozeroy"),
    ("brasserie-coop", "Brasserie coopérative", "SCOP Houblons du Jura", "SCOP", "Arinthod"),
]
for pid, name, carrier, form, territory in projects_2023:
    cmd(f"project add {pid}", name=name, carrier=carrier, carrier_form=form, territory=territory, date="2023-04-01")
cmd("call open aap-2023", fund="fij", **{"from": "2023-04-01"}, to="2023-06-30")
cmd("call open fc-2023", fund="fc", **{"from": "2023-04-01"}, to="2023-06-30")
for i, (pid, *_rest) in enumerate(projects_2023):
    cmd("apply", call="aap-2023", project=pid, date=f"2023-05-{1 + i:02d}")
cmd("apply", call="fc-2023", project="salamandre", date="2023-05-02")
cmd("call close aap-2023", date="2023-07-01")
cmd("call close fc-2023", date="2023-07-01")
scores = {
    "maison-alimentation": ("1.80", "1.20", "1.20", "1.40"),
    "salamandre": ("1.20", "1.60", "1.20", "1.40"),
}
for pid, (a, b, c, d) in scores.items():
    for crit, s in zip(("portage-collectif", "ancrage-territorial", "resilience", "modele-hybride"), (a, b, c, d)):
        cmd("assess", project=pid, assessor="rd-officer", criterion=crit, score=s)
cmd("assess", project="salamandre", assessor="rd-officer", criterion="field:besoin-social", score="18")
cmd("assess", project="maison-alimentation", assessor="rd-officer", criterion="field:besoin-social", score="15")

agenda = ",".join(p[0] for p in projects_2023)
cmd("session open s-2023-07", fund="fij", date="2023-07-10", agenda=agenda, **{"as": "secretariat"})
voters = ["m-clus", "m-fa", "p-morteau", "p-ca", "p-edf", "p-fe", "p-gache"]
for m in voters[:-1] + ["m-sec", "soc-1"]:
    cmd("session attend s-2023-07", member=m, **{"as": "secretariat"})
cmd("declare-conflict", member="p-ca", project="bois-local")
for pid, *_rest in projects_2023:
    for m in voters[:-1]:
        if pid == "bois-local" and m == "p-ca":
            continue
        choice = "for" if pid == "salamandre" else ("abstain" if m == "m-fa" and pid == "maison-alimentation" else "against")
        cmd("vote", session="s-2023-07", project=pid, member=m, choice=choice, **{"as": "secretariat"})
cmd("decide d-2023-salamandre", session="s-2023-07", project="salamandre", grant="40000",
    loan="15000", term="36", deferral="12", conditions="Recruit the test's developer; quarterly report",
    **{"as": "secretariat"})
for pid, *_rest in projects_2023[1:]:
    cmd(f"decide d-2023-{pid}", session="s-2023-07", project=pid, reject=True,
        conditions="Not selected this year", **{"as": "secretariat"})
cmd("session close s-2023-07", **{"as": "secretariat"})
comment("The Fonds de confiance cannot fund a local branch of a national organisation")
cmd("session open s-fc-2023-07", fund="fc", date="2023-07-12", agenda="salamandre", **{"as": "secretariat"})
for m in ("f-1", "f-2", "f-3"):
    cmd("session attend s-fc-2023-07", member=m, **{"as": "secretariat"})
    cmd("vote", session="s-fc-2023-07", project="salamandre", member=m, choice="for", **{"as": "secretariat"})
cmd("decide d-fc-2023-salamandre", session="s-fc-2023-07", project="salamandre", reject=True,
    conditions="Eligible to the FIJ only: carried by a local branch of a national organisation",
    **{"as": "secretariat"})
cmd("session close s-fc-2023-07", **{"as": "secretariat"})
for cat, amount in (("salary", "30000"), ("material", "12000"), ("support", "9000"), ("fund", "4000")):
    cmd("experiment budget", project="salamandre", category=cat, amount=amount, date="2023-07-20")
cmd("grant disburse t-sal-1", decision="d-2023-salamandre", amount="20000", date="2023-08-01")
cmd("grant disburse t-sal-2", decision="d-2023-salamandre", amount="20000", date="2024-01-15")
cmd("loan disburse L-SAL", decision="d-2023-salamandre", date="2023-09-15")
for i, (y, m) in enumerate(months(2023, 9, 9)):
    cmd(f"experiment expense x-sal-sal-{i+1}", project="salamandre", category="salary", amount="3200",
        date=f"{y}-{m:02d}-28", description="Developer's salary and charges")
cmd("experiment expense x-sal-mat-1", project="salamandre", category="material", amount="6400",
    date="2023-10-05", description="Shop fittings and first stock")

comment("Végétal Local repays its loan: 20 monthly instalments of 500 EUR from May 2023")
for i, (y, m) in enumerate(months(2023, 5, 8)):
    cmd(f"loan repay rp-vl-{i+1}", loan="L-VL", amount="500", date=f"{y}-{m:02d}-17")

comment("Receipts for the 2023 gifts: companies one by one, citizens in a January recap")
for gid, partner, amount, d, *_rest in gifts_2023:
    if partner in dict((c[0], 1) for c in companies):
        cmd("receipt issue", gift=gid, date=plus_days(d, 10))
comment("2PR Consulting's receipt carried an incomplete address: corrected and reissued")
cmd("partner correct 2pr-consulting", address="14 avenue Jean Moulin, 39000 Lons-le-Saunier")
cmd("receipt cancel 2023-0005", reason="Adresse du donateur incomplète", reissue=True, date="2023-05-20")
cmd("close-year 2023", date="2024-03-31")
for pid, *_rest in citizens:
    cmd("receipt issue", partner=pid, year="2023", date="2024-01-15")
cmd("declaration", year="2023", file=True, date="2024-04-20")

comment("2024: pledges fulfilled, a pending transfer, skills, a sponsorship, a further experiment")
gifts_2024 = [
    ("g24-fondation-rte", "fondation-rte", "5000", "2024-03-12", "transfer", "pl-fondation-rte"),
    ("g24-morteau", "morteau-saucisse", "10000", "2024-03-25", "cheque", "pl-morteau"),
    ("g24-2pr", "2pr-consulting", "7000", "2024-04-03", "transfer", "pl-2pr"),
    ("g24-coopilote", "coopilote", "5000", "2024-04-22", "transfer", "pl-coopilote"),
    ("g24-formacoop", "formacoop", "5000", "2024-05-06", "transfer", "pl-formacoop"),
    ("g24-fondation-entreprendre", "fondation-entreprendre", "15000", "2024-02-19", "transfer", None),
    ("g24-edf-urut", "edf-urut", "10000", "2024-03-04", "transfer", None),
    ("g24-anne-roussel", "anne-roussel", "1000", "2024-09-12", "transfer", "pl-anne-roussel"),
    ("g24-marc-bourgeois", "marc-bourgeois", "1000", "2024-09-18", "debit", "pl-marc-bourgeois"),
    ("g24-lucie-faivre", "lucie-faivre", "1000", "2024-10-01", "cheque", "pl-lucie-faivre"),
    ("g24-patrick-gache", "patrick-gache", "1000", "2024-06-14", "cheque", None),
]
cmd("gift record g24-credit-agricole", partner="credit-agricole-fc", amount="15000", date="2024-01-10",
    method="transfer", pledge="pl-credit-agricole", pending=True)
cmd("gift receive g24-credit-agricole", date="2024-01-22")
for gid, partner, amount, d, method, pledge in gifts_2024:
    opts = dict(partner=partner, amount=amount, date=d, method=method)
    if pledge:
        opts["pledge"] = pledge
    cmd(f"gift record {gid}", **opts)
cmd("gift record g24-2pr-skills", partner="2pr-consulting", amount="3000", date="2024-06-30",
    method="transfer", nature="skills", valuation_ref="2PR-VAL-2024-06",
    description="Mécénat de compétences : 6 jours de conseil juridique (coût de revient)")
cmd("gift record g24-orsa-sponsor", partner="orsa-free", amount="500", date="2024-05-15",
    method="card", kind="sponsorship", description="Parrainage de la soirée des lauréats")
for gid, partner, amount, d, method, pledge in [("g24-credit-agricole", "credit-agricole-fc", "15000", "2024-01-22", "", "")] + gifts_2024 + [("g24-2pr-skills", "2pr-consulting", "3000", "2024-06-30", "", "")]:
    if partner in dict((c[0], 1) for c in companies):
        cmd("receipt issue", gift=gid, date=plus_days(d, 10))
for i, (y, m) in enumerate(months(2024, 1, 12)):
    cmd(f"loan repay rp-vl-{9+i}", loan="L-VL", amount="500", date=f"{y}-{m:02d}-17")
comment("Maison de l'alimentation applies again and is selected")
cmd("call open aap-2024", fund="fij", **{"from": "2024-02-01"}, to="2024-04-30")
cmd("apply", call="aap-2024", project="maison-alimentation", date="2024-03-15")
cmd("session open s-2024-05", fund="fij", date="2024-05-21", agenda="maison-alimentation", **{"as": "secretariat"})
for m in ("m-clus", "p-morteau", "p-ca", "p-edf", "p-gache", "m-sec"):
    cmd("session attend s-2024-05", member=m, **{"as": "secretariat"})
for m, ch in (("m-clus", "for"), ("p-morteau", "for"), ("p-ca", "for"), ("p-edf", "against"), ("p-gache", "for")):
    cmd("vote", session="s-2024-05", project="maison-alimentation", member=m, choice=ch, **{"as": "secretariat"})
cmd("decide d-2024-maison", session="s-2024-05", project="maison-alimentation", grant="45000",
    loan="10000", term="30", deferral="6", conditions="Partnership with two local farms",
    **{"as": "secretariat"})
cmd("session close s-2024-05", **{"as": "secretariat"})
for cat, amount in (("salary", "30000"), ("material", "12000"), ("support", "9000"), ("fund", "4000")):
    cmd("experiment budget", project="maison-alimentation", category=cat, amount=amount, date="2024-06-01")
cmd("grant disburse t-ma-1", decision="d-2024-maison", amount="25000", date="2024-06-10")
cmd("grant disburse t-ma-2", decision="d-2024-maison", amount="20000", date="2025-01-10")
cmd("loan disburse L-MA", decision="d-2024-maison", date="2024-06-20")
for i, (y, m) in enumerate(months(2024, 6, 12)):
    cmd(f"experiment expense x-ma-sal-{i+1}", project="maison-alimentation", category="salary",
        amount="2500", date=f"{y}-{m:02d}-28", description="Developer's salary and charges")
comment("La Salamandre repays from October 2024 (24 x 625 EUR); two instalments of 2025 are late")
for i, (y, m) in enumerate(months(2024, 10, 3)):
    cmd(f"loan repay rp-sal-{i+1}", loan="L-SAL", amount="625", date=f"{y}-{m:02d}-20")
cmd("experiment close", project="salamandre", date="2024-06-30",
    outcome="The grocery opened in Lons-le-Saunier; 210 member households; continues without the fund")
cmd("close-year 2024", date="2025-03-31")
for pid, *_rest in citizens:
    cmd("receipt issue", partner=pid, year="2024", date="2025-01-15")
cmd("declaration", year="2024", file=True, date="2025-04-15")

comment("2025: the last pledge year, repayments recycled")
gifts_2025 = [
    ("g25-credit-agricole", "credit-agricole-fc", "15000", "2025-01-21", "transfer", "pl-credit-agricole"),
    ("g25-fondation-rte", "fondation-rte", "5000", "2025-03-11", "transfer", "pl-fondation-rte"),
    ("g25-morteau", "morteau-saucisse", "10000", "2025-03-24", "cheque", "pl-morteau"),
    ("g25-2pr", "2pr-consulting", "7000", "2025-04-02", "transfer", "pl-2pr"),
    ("g25-coopilote", "coopilote", "5000", "2025-04-23", "transfer", "pl-coopilote"),
    ("g25-formacoop", "formacoop", "5000", "2025-05-05", "transfer", "pl-formacoop"),
    ("g25-fondation-entreprendre", "fondation-entreprendre", "15000", "2025-02-18", "transfer", None),
    ("g25-demain", "demain", "3000", "2025-06-10", "cheque", None),
    ("g25-anne-roussel", "anne-roussel", "1000", "2025-09-11", "transfer", "pl-anne-roussel"),
    ("g25-marc-bourgeois", "marc-bourgeois", "1000", "2025-09-18", "debit", "pl-marc-bourgeois"),
    ("g25-lucie-faivre", "lucie-faivre", "1000", "2025-10-01", "cheque", "pl-lucie-faivre"),
    ("g25-patrick-gache", "patrick-gache", "1000", "2025-06-13", "cheque", None),
]
for gid, partner, amount, d, method, pledge in gifts_2025:
    opts = dict(partner=partner, amount=amount, date=d, method=method)
    if pledge:
        opts["pledge"] = pledge
    cmd(f"gift record {gid}", **opts)
    if partner in dict((c[0], 1) for c in companies):
        cmd("receipt issue", gift=gid, date=plus_days(d, 10))
for i, (y, m) in enumerate(months(2025, 1, 4)):
    cmd(f"loan repay rp-sal-{4+i}", loan="L-SAL", amount="625", date=f"{y}-{m:02d}-20")
for i, (y, m) in enumerate(months(2025, 7, 6)):
    cmd(f"loan repay rp-sal-{8+i}", loan="L-SAL", amount="625", date=f"{y}-{m:02d}-20")
for i, (y, m) in enumerate(months(2025, 1, 11)):
    cmd(f"loan repay rp-ma-{i+1}", loan="L-MA", amount="416,66", date=f"{y}-{m:02d}-25")
for i, (y, m) in enumerate(months(2025, 1, 11)):
    cmd(f"experiment expense x-ma-mat-{i+1}", project="maison-alimentation", category="material",
        amount="900", date=f"{y}-{m:02d}-12", description="Supplies and services of the test")
cmd("experiment expense x-ma-sup-1", project="maison-alimentation", category="support", amount="8000",
    date="2025-06-30", description="Clus'Ter Jura engineering support")

open("fixtures/fij/history.jsonl", "w").write(
    "# The Fonds d'Impulsion Jurassien, 2022-2025: `fij import` lines (fixtures/fij/README.md).\n"
    + "\n".join(L) + "\n")
print(len(L), "lines")
