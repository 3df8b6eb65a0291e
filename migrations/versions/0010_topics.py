"""Topics: the vocabulary of app/data/topics.csv, and which documents, agenda items and decisions are about each

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 16:30:00.000000

The 31 topics are seeded as they stand in app/data/topics.csv today, frozen in this
revision (as 0001 seeds the members); the parser tags every document, agenda item and
decision with the slugs of what it covers, and a reparse re-tags them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOPICS = (
    ('russia', 'Russia and the Soviet Union', 'Rusland en de Sovjet-Unie',
     "NATO's relations with the Soviet Union and Russia: East-West relations, the Founding Act and the NATO-Russia Council, dialogue and practical cooperation, and Russia as threat or aggressor whenever Russia is named as the actor (its build-up, invasion or attacks); support to Ukraine without Russia's conduct being addressed is ukraine only."),
    ('ukraine', 'Ukraine', 'Oekraïne',
     "Ukraine's relations with NATO and the war against it: the NATO-Ukraine Commission and Council, political, military and financial support (CAP, NSATU, UDCG, training coalitions), the humanitarian impact and Ukraine's membership perspective (also tagged enlargement); Russia's own conduct is additionally tagged russia."),
    ('georgia', 'Georgia', 'Georgië',
     "Georgia's relations with NATO: the 2008 war and its consequences, the NATO-Georgia Commission, the Substantial NATO-Georgia Package, reforms and Georgia's membership aspiration (also tagged enlargement)."),
    ('western-balkans', 'Western Balkans', 'Westelijke Balkan',
     "The Western Balkans and each Western Balkan country's relationship with NATO: Bosnia and Herzegovina (IFOR, SFOR, EUFOR Althea), Kosovo and KFOR, Serbia, regional tensions, and the membership paths of Albania, Croatia, Montenegro and North Macedonia (also tagged enlargement); Slovenia's accession is enlargement only."),
    ('afghanistan', 'Afghanistan', 'Afghanistan',
     "NATO's engagement in Afghanistan: ISAF with its regional commands and PRTs, training Afghan forces, transition, Resolute Support, the peace process, the 2021 withdrawal and its lessons, and related national contributions such as Uruzgan or UNAMA."),
    ('iraq', 'Iraq', 'Irak',
     "NATO's role in Iraq: the NATO Training Mission-Iraq, NATO Mission Iraq and other support to Iraqi institutions and forces; the coalition against ISIL as such belongs to terrorism."),
    ('the-south', 'The South: Middle East, North Africa and Sahel', 'Zuidflank: Midden-Oosten, Noord-Afrika en Sahel',
     "NATO's southern neighbourhood: the Middle East and North Africa, the Sahel, Syria, Libya (including Operation Unified Protector), the Israel-Gaza conflict, instability and irregular migration from the south and the southern-flank approach; Iraq has its own topic and the Mediterranean Dialogue and Istanbul Cooperation Initiative are partnerships."),
    ('china', 'China', 'China',
     "The People's Republic of China as a challenge for the Alliance, its policies, coercion and alignment with Russia, and NATO's approach to it; cooperation with the Indo-Pacific partners as such is partnerships."),
    ('arctic-and-north', 'Arctic and the High North', 'Arctisch gebied en het Hoge Noorden',
     "The Arctic, the High North and NATO's northern flank (North Atlantic, Greenland, the Nordic region) as a security theatre; the accession of Finland and Sweden as such is enlargement."),
    ('enlargement', 'Enlargement and the open door', 'Uitbreiding en open deur',
     "NATO membership and the open door: Article 10, aspirants and Membership Action Plans, invitations, accession talks, protocols and ratifications, invitees taking part and new members' first meetings; a candidate with a topic of its own (Ukraine, Georgia, a Western Balkan state) is tagged with that topic as well."),
    ('partnerships', 'Partnerships and international organisations', 'Partnerschappen en internationale organisaties',
     "NATO's cooperation with non-member states and with international organisations other than the EU: PfP, EAPC, Mediterranean Dialogue, Istanbul Cooperation Initiative, partners across the globe and the Indo-Pacific partners, Enhanced Opportunity Partners, defence capacity building and projecting stability, and relations with the UN, OSCE and AU; Ukraine, Georgia and Russia have their own topics, and partners merely attending a session on another subject do not count."),
    ('eu-nato', 'EU-NATO cooperation', 'EU-NAVO-samenwerking',
     "Cooperation and division of labour between NATO and the European Union: joint declarations, Berlin Plus, European defence initiatives (EDAP, EU Battlegroups, PESCO, EDF) seen against NATO, and sessions held with the EU; an EU mission in one country or region takes that country's or region's topic, and EU officials merely attending a session on another subject do not count."),
    ('transatlantic-relations', 'Transatlantic relations', 'Trans-Atlantische relatie',
     "The transatlantic relationship itself as a subject: the US commitment to and presence in Europe, Europe's role in the Alliance, unity and disputes among Allies, and sessions or declarations devoted to the transatlantic bond; not the ritual reaffirmation of the transatlantic link, and burden sharing alone is defence-spending."),
    ('deterrence-and-defence', 'Deterrence and defence posture', 'Afschrikking en verdediging',
     "NATO's conventional deterrence and defence posture: the DDPR, assurance and adaptation measures, the Readiness Action Plan, NRF and VJTF and other rapid reaction forces, enhanced forward presence, reinforcement and military mobility, regional defence plans, exercises and air policing, and decisions to strengthen collective defence; a ritual reaffirmation of Article 5 or of collective defence as core task does not count, and nuclear matters and missile defence have their own topics."),
    ('nuclear', 'Nuclear deterrence and policy', 'Nucleaire afschrikking en kernwapenbeleid',
     "NATO's nuclear deterrent and policy: Nuclear Planning Group meetings, nuclear sharing, the role, safety and modernisation of nuclear forces, and debates on NATO's nuclear tasks and transparency; treaties, reductions and disarmament negotiations are arms-control (both may apply)."),
    ('missile-defence', 'Missile defence', 'Raketverdediging',
     "Ballistic missile defence: US missile-defence plans in Europe, NATO's territorial and theatre missile defence (the Lisbon decision, the interim capability), the missile proliferation that motivates it, and missile-defence cooperation or disputes with Russia."),
    ('arms-control', 'Arms control, disarmament and non-proliferation', 'Wapenbeheersing, ontwapening en non-proliferatie',
     'Arms control, disarmament and non-proliferation: MBFR, INF, SALT, START and New START, CFE, Open Skies, nuclear disarmament initiatives, the NPT and the proliferation of WMD or missiles, strategic stability, transparency and risk reduction.'),
    ('capabilities', 'Capabilities, defence planning and industry', 'Capaciteiten, defensieplanning en defensie-industrie',
     'Developing the forces and equipment Allies need: defence planning (NDPP, Ministerial and Political Guidance, force goals, capability targets and reviews), the DCI and Prague Capabilities Commitment, military transformation, deployability and usability targets, Smart Defence and multinational projects, interoperability, framework nations and defence-industrial production; readiness and posture belong to deterrence-and-defence.'),
    ('defence-spending', 'Defence spending and burden sharing', 'Defensie-uitgaven en lastenverdeling',
     'National defence expenditure and burden sharing: spending trends and reports, the Wales 2% and 20% Defence Investment Pledge and credible national plans, The Hague 3.5% plus 1.5% (5%) pledge, fair sharing of costs, risks and contributions, defence budgets under economic pressure, and common funding of NATO budgets and operations.'),
    ('terrorism', 'Terrorism and counter-terrorism', 'Terrorisme en terrorismebestrijding',
     "Terrorism and NATO's role against it: 9/11 and the Article 5 invocation, counter-terrorism policy and action plans, ISIL/Daesh and support to the Global Coalition, violent extremism, and terrorist attacks condemned by Allies; a passing remark that Afghanistan must not again become a terrorist haven stays with afghanistan."),
    ('cyber-and-space', 'Cyber defence and space', 'Cyberdefensie en ruimte',
     "The cyber and space domains: cyber defence policy and the Cyber Defence Pledge, cyberspace as an operational domain, cyber attacks and the response to them, the NATO Integrated Cyber Defence Centre, and space as an operational domain and NATO's space policy; disinformation is hybrid-and-disinformation."),
    ('hybrid-and-disinformation', 'Hybrid threats and disinformation', 'Hybride dreigingen en desinformatie',
     'Hybrid threats and information warfare below the threshold of armed attack: hybrid strategy, disinformation and propaganda, foreign interference, sabotage and instrumentalised migration; cyber attacks as such are cyber-and-space.'),
    ('maritime-security', 'Maritime security', 'Maritieme veiligheid',
     "Maritime security and naval activity: standing naval groups, Active Endeavour, Sea Guardian, Ocean Shield and counter-piracy, the Aegean migration activity, maritime situational awareness and missions at sea such as EMASoH; an embargo enforced at sea within a country operation (such as Libya) takes that operation's topic."),
    ('resilience', 'Resilience, civil preparedness and energy security', 'Weerbaarheid, civiele paraatheid en energiezekerheid',
     'Resilience and civil preparedness: resilience commitments and baseline requirements, civil emergency planning, critical infrastructure and supply chains, energy security and spending on societal resilience; cyber and hybrid threats have their own topics.'),
    ('climate-and-security', 'Climate change and security', 'Klimaat en veiligheid',
     "The security implications of climate change and NATO's climate and security action plan, including the armed forces' own emissions; relief after natural disasters is crisis-management-and-operations."),
    ('covid-19', 'COVID-19 pandemic', 'COVID-19-pandemie',
     "The COVID-19 pandemic and NATO's response to it in 2020-2021 (military support and airlift to Allies and partners, the pandemic's consequences for the Alliance); not the mere fact that a meeting was held by video."),
    ('innovation-and-emerging-technologies', 'Innovation and emerging technologies', 'Innovatie en opkomende technologieën',
     "Keeping the Alliance's technological edge: innovation initiatives (DIANA, NATO Innovation Fund), emerging and disruptive technologies such as artificial intelligence, autonomy and quantum, their responsible military use, and science cooperation."),
    ('crisis-management-and-operations', 'Crisis management and operations (general)', 'Crisisbeheersing en operaties (algemeen)',
     'Crisis management and operations in general: the crisis-management core task, NATO operations and missions discussed as a whole, the comprehensive approach and stabilisation, humanitarian and disaster relief and missions without a topic of their own (such as support to the African Union in Darfur); operations in Afghanistan, Iraq, the Western Balkans, Libya or at sea take those topics.'),
    ('women-peace-and-security', 'Women, peace and security', 'Vrouwen, vrede en veiligheid',
     'Women, peace and security and human security: UNSCR 1325 policy and action plans, gender perspectives in operations, conflict-related sexual violence, protection of civilians, children and armed conflict, and cultural property protection.'),
    ('strategic-concept', 'Strategic Concept', 'Strategisch Concept',
     "NATO's Strategic Concepts (the Cold War series, 1991, 1999, 2010 and 2022) and the work to prepare, negotiate or evaluate them, such as the Group of Experts and national input; the NATO 2030 agenda as a whole is nato-adaptation."),
    ('nato-adaptation', 'NATO adaptation and reform', 'Aanpassing en hervorming van de NAVO',
     "NATO's adaptation and reform as an Alliance: political consultation and decision-making (Three Wise Men, Harmel, reflection processes, NATO 2030), the Alliance's future role and general adaptation when no more specific topic is named, and institutional reform of the command structure, agencies and headquarters; changes of force posture are deterrence-and-defence."),
)


def upgrade() -> None:
    op.create_table('topics',
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('label_en', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('label_nl', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('slug', name=op.f('pk_topics'))
    )
    for table, column, target in (('document_topics', 'document_id', 'documents'),
                                  ('agenda_item_topics', 'agenda_item_id', 'agenda_items'),
                                  ('decision_topics', 'decision_id', 'decisions')):
        op.create_table(table,
        sa.Column(column, sa.Integer(), nullable=False),
        sa.Column('topic_slug', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.ForeignKeyConstraint([column], [f'{target}.id'], name=op.f(f'fk_{table}_{column}_{target}'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['topic_slug'], ['topics.slug'], name=op.f(f'fk_{table}_topic_slug_topics')),
        sa.PrimaryKeyConstraint(column, 'topic_slug', name=op.f(f'pk_{table}'))
        )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f'ix_{table}_topic_slug'), ['topic_slug'], unique=False)
    topics = sa.table("topics", sa.column("slug", sa.String), sa.column("label_en", sa.String),
                      sa.column("label_nl", sa.String), sa.column("scope", sa.Text))
    op.bulk_insert(topics, [{"slug": s, "label_en": en, "label_nl": nl, "scope": scope} for s, en, nl, scope in TOPICS])


def downgrade() -> None:
    for table in ('decision_topics', 'agenda_item_topics', 'document_topics'):
        op.drop_table(table)
    op.drop_table('topics')
