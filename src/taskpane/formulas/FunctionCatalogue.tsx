/** The ten functions, each with its help, arguments and an example in the user's argument separator. */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { FORMULAS, formulaInLocale, type ListSeparator } from "../../omspan/formulas";
import type { Lang } from "../../omspan/i18n";
import type { FormulaStrings } from "./strings";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalM },
  params: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  code: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere", backgroundColor: tokens.colorNeutralBackground3, padding: tokens.spacingHorizontalXS },
});

interface Props {
  lang: Lang;
  listSeparator: ListSeparator;
  t: FormulaStrings;
  onUse(name: string): void;
}

export function FunctionCatalogue({ lang, listSeparator, t, onUse }: Props) {
  const styles = useStyles();
  return (
    <Accordion collapsible multiple aria-label={t.catalogueHeading}>
      {Object.values(FORMULAS).map((f) => (
        <AccordionItem key={f.name} value={f.name}>
          <AccordionHeader>OMSPAN.{f.name}</AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <Text>{f.help[lang]}</Text>
            <Text weight="semibold">{t.arguments}</Text>
            <ul className={styles.params}>
              {f.params.map((p, i) => (
                <li key={p.name}>
                  <Text weight="semibold">{p.name}</Text>
                  {i >= f.required ? ` (${t.optional})` : ""}: {p.help[lang]}
                </li>
              ))}
            </ul>
            <Text>
              {t.example}: <code className={styles.code} data-testid={`example-${f.name}`}>{formulaInLocale(f.example, listSeparator)}</code>
            </Text>
            <Button size="small" onClick={() => onUse(f.name)} aria-label={`${t.useFunction}: OMSPAN.${f.name}`}>
              {t.useFunction}
            </Button>
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
