<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ImportReportDialog</name>
    <message numerus="yes">
        <location filename="../views/import_views.py" line="177"/>
        <source>%n refused file(s) in this workspace: the latest refusal of each, until an import of the same file takes it.</source>
        <translation>
            <numerusform>%n refused file in this workspace: its latest refusal, until an import of the same file takes it.</numerusform>
            <numerusform>%n refused files in this workspace: the latest refusal of each, until an import of the same file takes it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/import_views.py" line="183"/>
        <source>%n file(s) read: {new} imported, {resubmitted} resubmitted with differences, {unchanged} unchanged, {rejected} rejected.</source>
        <translation>
            <numerusform>%n file read: {new} imported, {resubmitted} resubmitted with differences, {unchanged} unchanged, {rejected} rejected.</numerusform>
            <numerusform>%n files read: {new} imported, {resubmitted} resubmitted with differences, {unchanged} unchanged, {rejected} rejected.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/import_views.py" line="193"/>
        <source>%n file(s) of the folders not read (not a spreadsheet kind the importer reads, or a lock file); the table says why.</source>
        <translation>
            <numerusform>%n file of the folders was not read (not a spreadsheet kind the importer reads, or a lock file); the table says why.</numerusform>
            <numerusform>%n files of the folders were not read (not a spreadsheet kind the importer reads, or a lock file); the table says why.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportReportModel</name>
    <message numerus="yes">
        <location filename="../models/tables.py" line="251"/>
        <source>version {version}: %n change(s); double-click to see them side by side</source>
        <translation>
            <numerusform>version {version}: %n change; double-click to see it side by side</numerusform>
            <numerusform>version {version}: %n changes; double-click to see them side by side</numerusform>
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
        <location filename="../views/templates_view.py" line="213"/>
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
        <location filename="../views/tracking_view.py" line="200"/>
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
        <location filename="../views/versions_view.py" line="93"/>
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
