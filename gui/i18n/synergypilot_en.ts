<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ImportReportDialog</name>
    <message numerus="yes">
        <location filename="../views/import_views.py" line="177"/>
        <source>%n file(s) read:</source>
        <translation>
            <numerusform>%n file read:</numerusform>
            <numerusform>%n files read:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/import_views.py" line="188"/>
        <source>%n file(s) of the folders not read (not a spreadsheet kind the importer reads, or a lock file); the table says why.</source>
        <translation>
            <numerusform>%n file of the folders was not read (not a spreadsheet kind the importer reads, or a lock file); the table says why.</numerusform>
            <numerusform>%n files of the folders were not read (not a spreadsheet kind the importer reads, or a lock file); the table says why.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MergeReportDialog</name>
    <message numerus="yes">
        <location filename="../views/merge_views.py" line="55"/>
        <source>%n workspace(s) merged into {name}.</source>
        <translation>
            <numerusform>%n workspace merged into {name}.</numerusform>
            <numerusform>%n workspaces merged into {name}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TemplatesView</name>
    <message numerus="yes">
        <location filename="../views/templates_view.py" line="225"/>
        <source>{source} was refused: %n problem(s)</source>
        <translation>
            <numerusform>{source} was refused: %n problem</numerusform>
            <numerusform>{source} was refused: %n problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrackingView</name>
    <message numerus="yes">
        <location filename="../views/tracking_view.py" line="220"/>
        <source>%n pilot(s) assessed in only one of them.</source>
        <translation>
            <numerusform>%n pilot was assessed in only one of them.</numerusform>
            <numerusform>%n pilots were assessed in only one of them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VersionsDialog</name>
    <message numerus="yes">
        <location filename="../views/versions_view.py" line="102"/>
        <source>{project}: %n version(s); select one to compare it with the one before, or choose any two below</source>
        <translation>
            <numerusform>{project}: %n version; select one to compare it with the one before, or choose any two below</numerusform>
            <numerusform>{project}: %n versions; select one to compare it with the one before, or choose any two below</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message numerus="yes">
        <location filename="../errors.py" line="59"/>
        <source>The template is not valid (%n problem(s)).</source>
        <translation>
            <numerusform>The template is not valid (%n problem).</numerusform>
            <numerusform>The template is not valid (%n problems).</numerusform>
        </translation>
    </message>
</context>
</TS>
