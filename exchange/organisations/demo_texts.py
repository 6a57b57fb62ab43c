"""Sentences for the demo organisations, in English, Turkish and German.

Written for the demo only (not taken from any benchmark): for each capacity area, what an
organisation that needs it might write, and what one that offers it might write.
"""

# area: (need EN, need TR, need DE, offer EN, offer TR, offer DE)
AREA_TEXTS = {
    "volunteer-management": (
        "Our volunteers leave after a few months; we want a programme that keeps them involved.",
        "Gönüllülerimiz birkaç ay sonra ayrılıyor; onları uzun süre tutacak bir gönüllü programı kurmak istiyoruz.",
        "Unsere Ehrenamtlichen bleiben nur kurz; wir wollen sie besser einarbeiten und halten.",
        "We run a volunteer academy that trains about a hundred volunteers every year.",
        "Her yıl yüz kadar gönüllüyü yetiştiren bir gönüllü akademisi yürütüyoruz.",
        "Wir begleiten jedes Jahr rund hundert Freiwillige mit einem eigenen Schulungsprogramm.",
    ),
    "individual-giving": (
        "We depend on a few grants and want to build a base of regular individual donors.",
        "Birkaç hibeye bağımlıyız; düzenli bağış yapan bireysel bağışçılardan bir topluluk oluşturmak istiyoruz.",
        "Wir möchten unabhängiger werden und regelmäßige Einzelspenden gewinnen.",
        "Our monthly giving campaign brings in a third of our budget from private donors.",
        "Aylık bağış kampanyamız bütçemizin üçte birini bireysel bağışçılardan sağlıyor.",
        "Mit Fördermitgliedschaften finanzieren wir ein Drittel unserer Arbeit aus Spenden.",
    ),
    "institutional-funding": (
        "We want to learn how to write successful applications to European foundations.",
        "Avrupa vakıflarına başarılı proje başvuruları yazmayı öğrenmek istiyoruz.",
        "Wir wollen lernen, wie man erfolgreiche Anträge bei Stiftungen und der EU stellt.",
        "We have managed EU-funded projects for ten years and can share our application process.",
        "On yıldır AB fonlu projeler yürütüyoruz ve başvuru sürecimizi paylaşabiliriz.",
        "Wir haben langjährige Erfahrung mit EU-Förderanträgen und Projektabrechnung.",
    ),
    "financial-management": (
        "Our bookkeeping is done by hand; we need clear budgets and financial reports.",
        "Muhasebemizi elle tutuyoruz; açık bütçeler ve mali raporlar hazırlamamız gerekiyor.",
        "Unsere Buchhaltung ist unübersichtlich; wir brauchen bessere Budgets und Finanzberichte.",
        "Our finance team has built simple budgeting and reporting tools for small organisations.",
        "Mali ekibimiz küçük örgütler için basit bütçe ve raporlama araçları geliştirdi.",
        "Wir haben einfache Werkzeuge für Budgetplanung und Finanzberichte entwickelt.",
    ),
    "governance": (
        "Our board meets rarely and roles are unclear; we want better governance.",
        "Yönetim kurulumuz seyrek toplanıyor ve roller belirsiz; yönetişimimizi güçlendirmek istiyoruz.",
        "Unser Vorstand braucht klarere Rollen und transparente Entscheidungswege.",
        "We reformed our statutes and board and can share how we made decisions transparent.",
        "Tüzüğümüzü ve yönetim kurulumuzu yeniden yapılandırdık; şeffaf karar alma deneyimimizi paylaşabiliriz.",
        "Wir haben unsere Satzung erneuert und teilen gern unsere Erfahrungen mit guter Vereinsführung.",
    ),
    "strategic-planning": (
        "We have never written a strategy and want to plan the next five years together.",
        "Hiç strateji belgesi yazmadık; önümüzdeki beş yılı birlikte planlamak istiyoruz.",
        "Wir möchten eine Strategie für die nächsten Jahre entwickeln.",
        "We facilitate participatory strategy workshops for other organisations.",
        "Diğer örgütler için katılımcı stratejik planlama atölyeleri yürütüyoruz.",
        "Wir moderieren Strategieworkshops für andere Vereine.",
    ),
    "communication": (
        "Few people know our work; we need a communication plan and better social media.",
        "Çalışmalarımızı az kişi biliyor; bir iletişim planına ve daha iyi sosyal medya kullanımına ihtiyacımız var.",
        "Unsere Öffentlichkeitsarbeit ist schwach; wir brauchen einen Kommunikationsplan.",
        "Our campaigns reach large audiences; we can share our storytelling and social media methods.",
        "Kampanyalarımız geniş kitlelere ulaşıyor; hikâye anlatımı ve sosyal medya yöntemlerimizi paylaşabiliriz.",
        "Wir erreichen mit unseren Kampagnen viele Menschen und teilen unsere Methoden der Öffentlichkeitsarbeit.",
    ),
    "advocacy": (
        "We want to influence local policy but do not know how to approach decision makers.",
        "Yerel politikaları etkilemek istiyoruz ama karar alıcılara nasıl ulaşacağımızı bilmiyoruz.",
        "Wir wollen politische Entscheidungen beeinflussen und brauchen Erfahrung in der Lobbyarbeit.",
        "We have changed municipal policies through advocacy campaigns and can train others.",
        "Savunuculuk kampanyalarıyla belediye politikalarını değiştirdik; başkalarını eğitebiliriz.",
        "Wir haben durch Lobbyarbeit kommunale Politik verändert und geben dieses Wissen weiter.",
    ),
    "community-engagement": (
        "We want the people we serve to take part in our decisions, not only receive services.",
        "Hizmet verdiğimiz insanların yalnızca hizmet almasını değil, kararlarımıza katılmasını istiyoruz.",
        "Wir wollen die Menschen, für die wir arbeiten, stärker beteiligen.",
        "We organise neighbourhood assemblies and can show how to involve communities.",
        "Mahalle meclisleri düzenliyoruz ve toplulukları sürece nasıl katacağımızı gösterebiliriz.",
        "Wir organisieren Nachbarschaftsversammlungen und zeigen, wie Beteiligung gelingt.",
    ),
    "monitoring-evaluation": (
        "We cannot show the impact of our work; we need simple monitoring and evaluation.",
        "Çalışmalarımızın etkisini gösteremiyoruz; basit bir izleme ve değerlendirme sistemine ihtiyacımız var.",
        "Wir können unsere Wirkung nicht belegen und brauchen Methoden der Evaluation.",
        "We developed an impact measurement framework that small organisations can use.",
        "Küçük örgütlerin de kullanabileceği bir etki ölçüm çerçevesi geliştirdik.",
        "Wir haben ein einfaches System zur Wirkungsmessung entwickelt.",
    ),
    "digital-transformation": (
        "We still work on paper; we need digital tools and better data protection.",
        "Hâlâ kâğıt üzerinde çalışıyoruz; dijital araçlara ve daha iyi veri güvenliğine ihtiyacımız var.",
        "Wir arbeiten noch viel auf Papier und wollen digitale Werkzeuge und Datenschutz verbessern.",
        "We moved our whole organisation to secure open-source tools and can guide others.",
        "Tüm örgütümüzü güvenli açık kaynak araçlara taşıdık ve başkalarına rehberlik edebiliriz.",
        "Wir haben unsere Arbeit digitalisiert und beraten zu IT-Sicherheit und Datenschutz.",
    ),
    "human-resources": (
        "Staff turnover is high; we need better recruitment and care for our team.",
        "Çalışan devir hızımız yüksek; işe alım ve ekibimizin iyi olma hali için destek istiyoruz.",
        "Wir verlieren oft Mitarbeitende und brauchen bessere Personalentwicklung.",
        "We have a staff development and well-being programme that we can share.",
        "Çalışanlarımız için geliştirdiğimiz gelişim ve iyi olma programını paylaşabiliriz.",
        "Wir haben ein Programm für Personalentwicklung und Burnout-Prävention.",
    ),
    "networking-partnerships": (
        "We work alone; we want to build partnerships and join networks abroad.",
        "Yalnız çalışıyoruz; ortaklıklar kurmak ve yurt dışındaki ağlara katılmak istiyoruz.",
        "Wir möchten Partnerschaften aufbauen und uns international vernetzen.",
        "We coordinate a network of forty organisations and can open doors to partners.",
        "Kırk örgütten oluşan bir ağı koordine ediyoruz ve ortaklıklar için kapı açabiliriz.",
        "Wir koordinieren ein Netzwerk von vierzig Organisationen und vermitteln Kontakte.",
    ),
    "knowledge-management": (
        "When people leave, their knowledge leaves with them; we need to document what we learn.",
        "Ayrılan kişilerle birlikte bilgi de gidiyor; öğrendiklerimizi belgelememiz gerekiyor.",
        "Wissen geht verloren, wenn Menschen gehen; wir wollen es besser dokumentieren.",
        "We keep a shared handbook and hold monthly learning sessions.",
        "Ortak bir el kitabı tutuyor ve her ay öğrenme toplantıları yapıyoruz.",
        "Wir führen ein gemeinsames Handbuch und monatliche Lernrunden.",
    ),
    "inclusion-diversity": (
        "Our team does not reflect the communities we serve; we want to become more inclusive.",
        "Ekibimiz hizmet verdiğimiz toplulukları yansıtmıyor; daha kapsayıcı olmak istiyoruz.",
        "Wir wollen vielfältiger und barrierefreier werden.",
        "We made our organisation accessible and multilingual and can share how.",
        "Örgütümüzü erişilebilir ve çok dilli hale getirdik; nasıl yaptığımızı paylaşabiliriz.",
        "Wir haben unsere Angebote barrierefrei und mehrsprachig gestaltet.",
    ),
    "legal-compliance": (
        "New reporting rules worry us; we need to understand our legal duties.",
        "Yeni raporlama kuralları bizi zorluyor; yasal yükümlülüklerimizi anlamamız gerekiyor.",
        "Wir brauchen Klarheit über rechtliche Pflichten und Gemeinnützigkeit.",
        "Our lawyers advise civil society organisations on registration and reporting.",
        "Avukatlarımız sivil toplum örgütlerine kuruluş ve raporlama konusunda danışmanlık veriyor.",
        "Wir beraten Vereine zu Gemeinnützigkeitsrecht und Berichtspflichten.",
    ),
}

DESCRIPTIONS = {
    "en": "We are {kind} based in {city}, working on {topic} since {year}. We bring people together, run trainings and speak up for the communities we serve.",
    "tr": "{year} yılından bu yana {city} merkezli olarak {topic} alanında çalışan bir sivil toplum örgütüyüz. İnsanları bir araya getiriyor, eğitimler düzenliyor ve hizmet verdiğimiz toplulukların sesini duyuruyoruz.",
    "de": "Wir sind eine Organisation aus {city} und arbeiten seit {year} zum Thema {topic}. Wir bringen Menschen zusammen, bieten Fortbildungen an und setzen uns für die Menschen ein, mit denen wir arbeiten.",
}
